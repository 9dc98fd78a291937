package io.tidemq.common.protocol.header.controller;

/** Answer to CONTROLLER_APPLY_BROKER_ID. */
public final class ApplyBrokerIdResponseHeader {
    public String clusterName;
    public String brokerName;
}
