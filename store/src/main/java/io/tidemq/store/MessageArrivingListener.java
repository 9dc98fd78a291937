package io.tidemq.store;

/**
 * Told when a message has become readable in a consume queue (its unit was dispatched); the broker wakes suspended
 * long-poll pulls with it. Runs on the dispatcher thread: must be quick and must not block.
 */
public interface MessageArrivingListener {
    void arriving(String topic, int queueId, long logicOffset, long tagsCode, long storeTimestamp);
}
