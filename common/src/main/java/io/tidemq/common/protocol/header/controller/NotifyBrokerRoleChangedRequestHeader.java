package io.tidemq.common.protocol.header.controller;

/** Header of NOTIFY_BROKER_ROLE_CHANGED (1008), sent by the controller to a group's brokers. */
public final class NotifyBrokerRoleChangedRequestHeader {
    public Long masterBrokerId;
    public String masterAddress;
    public Integer masterEpoch;
    public Integer syncStateSetEpoch;
}
