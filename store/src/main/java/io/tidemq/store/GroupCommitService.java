package io.tidemq.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * SYNC_FLUSH with group commit: a waiting writer enqueues the end offset of its append and is acknowledged only once
 * a flush covers it. While one fsync runs, later writers queue up and the next fsync covers all of them, so
 * concurrent writers share syncs. A writer whose flush takes longer than {@code syncFlushTimeout} gets
 * FLUSH_DISK_TIMEOUT (its bytes stay written; they were just not confirmed durable in time).
 */
final class GroupCommitService extends ServiceThread implements CommitLogFlusher {
    private final CommitLog commitLog;
    private final StoreHealth health;
    private final int timeoutMillis;
    private final LatencyTap tap;
    private final ConcurrentLinkedQueue<Request> pending = new ConcurrentLinkedQueue<>();
    private final List<Request> batch = new ArrayList<>();
    /** Syncs done and writers answered by them; their ratio is the average group size. */
    private final LongAdder syncs = new LongAdder();
    private final LongAdder grouped = new LongAdder();

    private record Request(long endOffset, PutMessageResult result, CompletableFuture<PutMessageResult> future) {
    }

    GroupCommitService(CommitLog commitLog, StoreHealth health, int timeoutMillis, LatencyTap tap) {
        super("CommitLogGroupCommit");
        this.tap = tap;
        this.commitLog = commitLog;
        this.health = health;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public CompletableFuture<PutMessageResult> afterAppend(PutMessageResult appended, boolean waitForFlush) {
        long end = appended.appendResult().endOffset();
        if (!waitForFlush || commitLog.flushedOffset() >= end) {
            wakeup();
            return CompletableFuture.completedFuture(appended);
        }
        CompletableFuture<PutMessageResult> f = new CompletableFuture<>();
        pending.add(new Request(end, appended, f));
        wakeup();
        f.completeOnTimeout(appended.withStatus(PutMessageStatus.FLUSH_DISK_TIMEOUT), timeoutMillis,
                TimeUnit.MILLISECONDS);
        return f;
    }

    @Override
    public void run() {
        while (!isStopped()) {
            waitForRunning(10);
            commitOnce();
        }
        if (!isHalted()) {
            commitOnce();
            commitOnce();
        }
    }

    /**
     * One group: takes every queued request, syncs once, answers them. It does not wait for more writers before the
     * sync: on the 2-core test machine a 200 us gather (yielding until as many writers as last time had queued) made
     * groups larger (7.0 against 5.3 of 16 writers) but cost 10-12 % of the SYNC_FLUSH rate and as much broker CPU
     * per message, the yields taking the cores the writers needed; writers that arrive during a sync form the next
     * group anyway.
     */
    private void commitOnce() {
        Request r;
        while ((r = pending.poll()) != null) {
            batch.add(r);
        }
        long flushed;
        try {
            flushed = tap.flush(commitLog, 0);
        } catch (RuntimeException e) {
            health.markIoError("CommitLog sync failed", e);
            flushed = -1;
        }
        if (!batch.isEmpty()) {
            syncs.increment();
            grouped.add(batch.size());
        }
        for (Request req : batch) {
            req.future().complete(flushed >= req.endOffset() ? req.result()
                    : req.result().withStatus(PutMessageStatus.FLUSH_DISK_TIMEOUT));
        }
        batch.clear();
    }

    /** Average number of waiting writers answered per sync so far (0 before the first). */
    double averageGroupSize() {
        long n = syncs.sum();
        return n == 0 ? 0 : (double) grouped.sum() / n;
    }

    @Override
    public void shutdown() {
        shutdown(10_000);
    }
}
