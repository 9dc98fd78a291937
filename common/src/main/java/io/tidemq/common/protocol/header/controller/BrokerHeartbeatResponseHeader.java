package io.tidemq.common.protocol.header.controller;

/** Answer to BROKER_HEARTBEAT (TideMQ fields): the replica group as the controller holds it, and the write lease. */
public final class BrokerHeartbeatResponseHeader {
    public Long masterBrokerId;
    public String masterAddress;
    public Integer masterEpoch;
    public Integer syncStateSetEpoch;
    public String syncStateSet;
    public Long leaseMillis;
    /** The master's replication address. */
    public String masterHaAddress;
    /** Where each master epoch's log began, {@code epoch:offset,...}, oldest first. */
    public String epochStarts;
}
