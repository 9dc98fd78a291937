package io.tidemq.common.protocol.header.controller;

/** Answer to CONTROLLER_REGISTER_BROKER: the group's master as the controller knows it. */
public final class RegisterBrokerToControllerResponseHeader {
    public String clusterName;
    public String brokerName;
    public Long masterBrokerId;
    public String masterAddress;
    public Integer masterEpoch;
    public Integer syncStateSetEpoch;
}
