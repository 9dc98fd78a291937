package io.tidemq.store;

/**
 * Told when a message has become readable in a consume queue (its unit was dispatched); the broker wakes suspended
 * long-poll pulls with it. Runs on the dispatcher thread: must be quick and must not block.
 *
 * <p>{@code logicOffset} is the queue offset of the unit just dispatched (the queue's max offset is now
 * {@code logicOffset + 1}); {@code tagsCode} is the unit's tags code (delivery time for SCHEDULE_TOPIC_XXXX).
 */
public interface MessageArrivingListener {
    void arriving(String topic, int queueId, long logicOffset, long tagsCode, long storeTimestamp);
}
