package io.tidemq.common.protocol.header.controller;

/** Answer to CONTROLLER_ELECT_MASTER. */
public final class ElectMasterResponseHeader {
    public Long masterBrokerId;
    public String masterAddress;
    public Integer masterEpoch;
    public Integer syncStateSetEpoch;
}
