package io.tidemq.broker.schedule;

import java.util.concurrent.ConcurrentHashMap;

/** config/delayOffset.json: per delay level, the next SCHEDULE_TOPIC_XXXX queue offset to deliver. */
public final class DelayOffsetTable {
    public ConcurrentHashMap<Integer, Long> offsetTable = new ConcurrentHashMap<>();
}
