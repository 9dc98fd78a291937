package io.tidemq.common.protocol.header.controller;

/** Header of BROKER_HEARTBEAT (904) to the controller: who beats, its epoch and log end; 5.x's field names. */
public final class BrokerHeartbeatRequestHeader {
    public String clusterName;
    public String brokerAddr;
    public String brokerName;
    public Long brokerId;
    public Integer epoch;
    public Long maxOffset;
    public Long confirmOffset;
    public Long heartbeatTimeoutMills;
    public Integer electionPriority;
}
