package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code flushIntervalConsumeQueue} ms: flushes consume queues and index, then records in the checkpoint how
 * far they are durable (the dispatch offset read before the flush) and how far the CommitLog is. Recovery starts
 * from these offsets.
 */
final class LogicFlushService extends ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(LogicFlushService.class);

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputDispatcher dispatcher;
    private final StoreCheckpoint checkpoint;
    private final StoreHealth health;
    private final int intervalMillis;

    LogicFlushService(CommitLog commitLog, ConsumeQueueTable queues, IndexService index, ReputDispatcher dispatcher,
                      StoreCheckpoint checkpoint, StoreHealth health, int intervalMillis) {
        super("LogicFlushService");
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
        this.checkpoint = checkpoint;
        this.health = health;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void run() {
        while (!isStopped()) {
            waitForRunning(intervalMillis);
            if (!isStopped()) {
                flush(false);
            }
        }
    }

    /** Flushes queues and the whole index and saves the checkpoint. Thread-safe (serialized). */
    void flushOnce() {
        flush(true);
    }

    private synchronized void flush(boolean wholeIndex) {
        try {
            long dispatched = dispatcher.dispatchedOffset();
            long timestamp = dispatcher.lastDispatchedTimestamp();
            queues.flushAll();
            if (wholeIndex) {
                index.flush();
            } else {
                index.flushAllButNewest();
            }
            checkpoint.save(commitLog.flushedOffset(), dispatched, timestamp);
        } catch (RuntimeException e) {
            LOG.error("flushing consume queues / index / checkpoint failed", e);
            health.markIoError("consume queue flush failed", e);
        }
    }

    void shutdown() {
        shutdown(10_000);
    }
}
