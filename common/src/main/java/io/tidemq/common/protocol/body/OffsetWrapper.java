package io.tidemq.common.protocol.body;

/** Broker and consumer offsets of one queue, in ConsumeStats. */
public final class OffsetWrapper {
    public long brokerOffset;
    public long consumerOffset;
    public long lastTimestamp;
}
