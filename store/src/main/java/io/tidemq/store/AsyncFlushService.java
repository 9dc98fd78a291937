package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * ASYNC_FLUSH: writers are acknowledged once their bytes are in the page cache; this thread flushes every
 * {@code flushIntervalCommitLog} ms when at least {@code flushCommitLogLeastPages} pages are dirty, and everything at
 * least every {@code flushCommitLogThoroughInterval} ms. A crash of the OS may lose the unflushed tail.
 */
final class AsyncFlushService extends ServiceThread implements CommitLogFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncFlushService.class);

    private final CommitLog commitLog;
    private final StoreHealth health;
    private final FlushConfig flush;
    private final LatencyTap tap;
    private long lastThoroughFlush = System.currentTimeMillis();

    AsyncFlushService(CommitLog commitLog, StoreHealth health, FlushConfig flush, LatencyTap tap) {
        super("CommitLogAsyncFlush");
        this.tap = tap;
        this.commitLog = commitLog;
        this.health = health;
        this.flush = flush;
    }

    @Override
    public CompletableFuture<PutMessageResult> afterAppend(PutMessageResult appended, boolean waitForFlush) {
        if (!flush.isFlushCommitLogTimed()) {
            wakeup();
        }
        return CompletableFuture.completedFuture(appended);
    }

    @Override
    public void run() {
        while (!isStopped()) {
            waitForRunning(flush.getFlushIntervalCommitLog());
            long now = System.currentTimeMillis();
            int leastPages = flush.getFlushCommitLogLeastPages();
            if (now - lastThoroughFlush >= flush.getFlushCommitLogThoroughInterval()) {
                lastThoroughFlush = now;
                leastPages = 0;
            }
            flush(leastPages);
        }
        if (!isHalted()) {
            flush(0);
        }
    }

    private void flush(int leastPages) {
        try {
            tap.flush(commitLog, leastPages);
        } catch (RuntimeException e) {
            health.markIoError("CommitLog flush failed", e);
        }
    }

    @Override
    public void shutdown() {
        shutdown(10_000);
    }
}
