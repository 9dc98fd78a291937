package io.tidemq.common.protocol.body;

/** Min/max offsets of one queue, in TopicStatsTable. */
public final class TopicOffset {
    public long minOffset;
    public long maxOffset;
    public long lastUpdateTimestamp;
}
