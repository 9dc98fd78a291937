package io.tidemq.common.protocol.header.controller;

/** Header of CONTROLLER_APPLY_BROKER_ID (1013); registerCheckCode identifies the applying broker. */
public final class ApplyBrokerIdRequestHeader {
    public String clusterName;
    public String brokerName;
    public Long appliedBrokerId;
    public String registerCheckCode;
}
