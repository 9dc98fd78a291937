package io.tidemq.common.protocol.heartbeat;

/** A producer group as one client reports it in a heartbeat. */
public final class ProducerData {
    public String groupName;
}
