package io.tidemq.common.protocol.header.controller;

/** Answer to CONTROLLER_GET_REPLICA_INFO; the body is a SyncStateSet. */
public final class GetReplicaInfoResponseHeader {
    public Long masterBrokerId;
    public String masterAddress;
    public Integer masterEpoch;
}
