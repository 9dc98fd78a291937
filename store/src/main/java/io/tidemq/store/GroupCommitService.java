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

    private static final long GATHER_NANOS = 200_000;

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

    /** Writers answered by the previous sync. */
    private int lastGroup;

    /**
     * One group: takes every queued request, syncs once, answers them. When the previous sync served several writers,
     * they are probably about to queue again: yield for up to {@value #GATHER_NANOS} ns until as many are queued, so
     * the sync covers all of them instead of the first few (on few cores the woken writers need a moment to run).
     */
    private void commitOnce() {
        if (lastGroup > 1) {
            long deadline = System.nanoTime() + GATHER_NANOS;
            while (pending.size() < lastGroup && System.nanoTime() < deadline) {
                Thread.yield();
            }
        }
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
        lastGroup = batch.size();
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
