package io.tidemq.common.protocol.header.controller;

/** Header of CONTROLLER_ALTER_SYNC_STATE_SET (1001); the body is the proposed SyncStateSet. */
public final class AlterSyncStateSetRequestHeader {
    public String brokerName;
    public Long masterBrokerId;
    public Integer masterEpoch;
    public Long invokeTime;
}
