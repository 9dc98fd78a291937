package io.tidemq.common.protocol.header.controller;

/** Answer to CONTROLLER_GET_NEXT_BROKER_ID. */
public final class GetNextBrokerIdResponseHeader {
    public String clusterName;
    public String brokerName;
    public Long nextBrokerId;
}
