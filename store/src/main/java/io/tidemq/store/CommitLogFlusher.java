package io.tidemq.store;

import java.util.concurrent.CompletableFuture;

/** Makes appended bytes durable according to the flush mode; decides when a writer is acknowledged. */
interface CommitLogFlusher {
    /**
     * Called after a successful append. Returns a future completed once the append counts as durable for this
     * mode (at once for ASYNC_FLUSH or when the writer does not wait). Thread-safe.
     */
    CompletableFuture<PutMessageResult> afterAppend(PutMessageResult appended, boolean waitForFlush);

    /** Asks for a flush soon (raw replicated bytes, writers that do not wait). */
    void wakeup();

    void start();

    /** Stops the service after a last flush of everything written. */
    void shutdown();

    static CommitLogFlusher create(FlushConfig flush, CommitLog commitLog, StoreHealth health,
            LatencyTap tap) {
        return flush.getFlushDiskType() == FlushDiskType.SYNC_FLUSH
                ? new GroupCommitService(commitLog, health, flush.getSyncFlushTimeout(), tap)
                : new AsyncFlushService(commitLog, health, flush, tap);
    }
}
