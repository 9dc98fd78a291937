package io.tidemq.common.protocol.header.controller;

/**
 * Header of CLEAN_BROKER_DATA (1011, mqadmin 5.x cleanBrokerMetadata): the replicas of a group the controllers
 * should forget ("1;2;3"; none named: the whole group), and whether live ones may be forgotten too.
 */
public final class CleanControllerBrokerDataRequestHeader {
    public String clusterName;
    public String brokerName;
    public String brokerControllerIdsToClean;
    public Boolean isCleanLivingBroker;
    public Long invokeTime;
}
