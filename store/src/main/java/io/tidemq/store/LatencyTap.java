package io.tidemq.store;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** Where the store's timed steps report to: the registered {@link StoreLatencyListener}, or nowhere. */
final class LatencyTap {
    private volatile StoreLatencyListener listener = StoreLatencyListener.NONE;

    void set(StoreLatencyListener l) {
        listener = l == null ? StoreLatencyListener.NONE : l;
    }

    void putCompleted(long nanos, boolean ok) {
        listener.putCompleted(nanos, ok);
    }

    /**
     * Records a put begun at {@code beganMillis} / {@code beganNanos} once {@code put} completes: in the store's
     * latency statistics and with the listener. Returns {@code put}.
     */
    CompletableFuture<PutMessageResult> timePut(CompletableFuture<PutMessageResult> put, long beganMillis,
                                                long beganNanos, Clock clock, StoreStats stats) {
        if (put.isDone()) {
            stats.recordPutLatency(clock.millis() - beganMillis, beganMillis);
            PutMessageResult r = put.isCompletedExceptionally() ? null : put.join();
            putCompleted(System.nanoTime() - beganNanos, r != null && r.isOk());
        } else {
            put.whenComplete((r, e) -> {
                long now = clock.millis();
                stats.recordPutLatency(now - beganMillis, now);
                putCompleted(System.nanoTime() - beganNanos, r != null && r.isOk());
            });
        }
        return put;
    }

    /** Flushes {@code commitLog} as {@code leastPages} asks and reports the time when bytes were written. */
    long flush(CommitLog commitLog, int leastPages) {
        MappedFileQueue files = commitLog.files();
        long before = files.flushedWhere();
        long began = System.nanoTime();
        long after = files.flush(leastPages);
        if (after > before) {
            listener.flushed(System.nanoTime() - began, after - before);
        }
        return after;
    }
}
