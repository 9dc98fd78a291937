package io.tidemq.store;

/**
 * Told the store's latencies as they happen, for histograms kept by whoever registers it (the broker's metrics);
 * called on the writing and flushing threads, so an implementation must be cheap and must not block.
 */
public interface StoreLatencyListener {
    StoreLatencyListener NONE = new StoreLatencyListener() {
    };

    /** One put, from its arrival at the store to its completion (flush and replication waits included). */
    default void putCompleted(long nanos, boolean ok) {
    }

    /** One commit-log flush that wrote {@code bytes} to disk. */
    default void flushed(long nanos, long bytes) {
    }
}
