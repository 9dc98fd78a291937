package io.tidemq.common.protocol.header.controller;

/** Header of CONTROLLER_ELECT_MASTER (1002); brokerId with designateElect=true names the replica to elect. */
public final class ElectMasterRequestHeader {
    public String clusterName;
    public String brokerName;
    public Long brokerId;
    public Boolean designateElect;
    public Long invokeTime;
}
