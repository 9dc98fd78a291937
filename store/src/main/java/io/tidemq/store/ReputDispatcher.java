package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Builds consume queues and the index from the CommitLog: follows the written end, turns each record into a
 * consume-queue unit (unless prepared or rolled back) and index entries (unless rolled back), then tells the
 * {@link MessageArrivingListener}. A message is readable through its queue only from then on.
 *
 * <p>Runs on its own thread; {@link #dispatchAvailable()} may also be called synchronously (recovery) and is
 * serialized with truncation through {@link #lock()}.
 */
final class ReputDispatcher extends ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(ReputDispatcher.class);

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final DelayLevels delays;
    private final StoreHealth health;
    private final ReentrantLock lock = new ReentrantLock();
    private final DispatchRequest req = new DispatchRequest();
    private final RecordChecker checker = new RecordChecker();
    private volatile MessageArrivingListener listener;
    private volatile long reputFromOffset;
    private volatile long lastDispatchedTimestamp;
    /** The most CommitLog bytes one dispatch pass has covered (dispatchMaxBuffer). */
    private volatile long maxDispatchedBytes;
    private long reportedCorruptAt = -1;
    /** True while the dispatcher sleeps until woken; writers wake it only then. */
    private volatile boolean sleeping;
    /** True on a slave: the log grows by replicated frames, each worth one wake-up (see {@link #run()}). */
    private final BooleanSupplier appendsInFrames;
    private volatile IntConsumer replicaCounter = size -> { };
    /** Records ending beyond this are not dispatched yet (controller mode: the in-sync set's confirmed offset). */
    private volatile LongSupplier limit = () -> Long.MAX_VALUE;

    ReputDispatcher(CommitLog commitLog, ConsumeQueueTable queues, IndexService index, DelayLevels delays,
                    StoreHealth health, BooleanSupplier appendsInFrames) {
        super("ReputDispatcher");
        this.appendsInFrames = appendsInFrames;
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.delays = delays;
        this.health = health;
    }

    void setListener(MessageArrivingListener listener) {
        this.listener = listener;
    }

    /** Told the size of every record dispatched on a slave, where replicated records are the store's puts. */
    void setReplicaCounter(IntConsumer counter) {
        this.replicaCounter = counter;
    }

    void setDispatchLimit(LongSupplier limit) {
        this.limit = limit;
    }

    /** Held while dispatching; truncation takes it to stop dispatch. */
    ReentrantLock lock() {
        return lock;
    }

    long dispatchedOffset() {
        return reputFromOffset;
    }

    long lastDispatchedTimestamp() {
        return lastDispatchedTimestamp;
    }

    /** Where to continue; only with {@link #lock()} held or before the thread starts. */
    void setReputFromOffset(long offset) {
        this.reputFromOffset = offset;
    }

    long maxDispatchedBytes() {
        return maxDispatchedBytes;
    }

    /** Bytes written to the CommitLog but not yet dispatched. */
    long behindBytes() {
        return Math.max(0, commitLog.maxOffset() - reputFromOffset);
    }

    /**
     * Called after every append. Wakes the dispatcher only from its deep sleep: while messages keep arriving it
     * naps and finds them itself ({@link IdleNaps}), so under load no writer pays for a wake-up.
     */
    void onAppended() {
        if (sleeping) {
            wakeup();
        }
    }

    @Override
    public void run() {
        // a message waits at most 0.5 ms to become readable while the dispatcher is active; after about 5 ms
        // without new data it sleeps until a writer wakes it. A slave's log grows a frame at a time (about every
        // millisecond under load): there one wake-up per frame is cheaper than the timed naps between frames.
        IdleNaps naps = new IdleNaps(500_000, 10);
        while (!isStopped()) {
            try {
                long seenEnd = commitLog.maxOffset();
                if (dispatchAvailable()) {
                    naps.worked();
                } else if (appendsInFrames.getAsBoolean() || !naps.napUnlessDrowsy()) {
                    sleeping = true;
                    // re-check after announcing the sleep: an append that missed the flag is seen here
                    if (commitLog.maxOffset() == seenEnd) {
                        waitForRunning(10);
                    }
                    sleeping = false;
                }
            } catch (RuntimeException e) {
                LOG.error("dispatch failed at CommitLog offset {}", reputFromOffset, e);
                waitForRunning(100);
            }
        }
        if (!isHalted()) {
            dispatchAvailable();
        }
    }

    /** Dispatches every whole record written so far. Returns true when it made progress. */
    boolean dispatchAvailable() {
        lock.lock();
        long began = reputFromOffset;
        try {
            boolean progressed = false;
            while (true) {
                long from = reputFromOffset;
                long end = Math.min(commitLog.maxOffset(), limit.getAsLong());
                if (from >= end) {
                    return progressed;
                }
                if (from < commitLog.minOffset()) {
                    reputFromOffset = commitLog.minOffset();
                    continue;
                }
                MappedFile f = commitLog.files().findByOffset(from);
                if (f == null || !f.hold()) {
                    return progressed;
                }
                try {
                    dispatchFile(f, (int) (from - f.fileFromOffset()), end);
                } catch (IOException e) {
                    if (String.valueOf(e.getMessage()).contains("No space left")) {
                        // dispatch resumes from here once space is freed: what was stored is not lost
                        health.markDiskFull("no space left for the consume queues or the index: " + e.getMessage());
                    } else {
                        health.markIoError("cannot write a consume queue or index file", e);
                    }
                    return progressed;
                } finally {
                    f.release();
                }
                if (reputFromOffset == from) {
                    return progressed;
                }
                progressed = true;
            }
        } finally {
            long covered = reputFromOffset - began;
            if (covered > maxDispatchedBytes) {
                maxDispatchedBytes = covered;
            }
            lock.unlock();
        }
    }

    private void dispatchFile(MappedFile f, int pos, long end) throws IOException {
        ByteBuffer m = f.mapped();
        int limit = f.wrotePosition();
        int fileSize = f.fileSize();
        long base = f.fileFromOffset();
        while (pos < limit) {
            int r = checker.check(m, pos, limit, fileSize, base + pos, false);
            if (r > 0) {
                if (base + pos + r > end) {
                    return;
                }
                req.readFrom(m, pos, base + pos, r, delays);
                dispatch(req);
                pos += r;
                reputFromOffset = base + pos;
            } else if (r == RecordChecker.BLANK) {
                reputFromOffset = base + fileSize;
                return;
            } else {
                if (r == RecordChecker.CORRUPT && reportedCorruptAt != base + pos) {
                    reportedCorruptAt = base + pos;
                    LOG.error("CommitLog record at {} is not valid; dispatch stops there", base + pos);
                }
                return;
            }
        }
        if (pos >= fileSize) {
            reputFromOffset = base + fileSize;
        }
    }

    private void dispatch(DispatchRequest r) throws IOException {
        if (r.isConsumable()) {
            ConsumeQueue cq = queues.findOrCreate(r.topic, r.queueId);
            boolean added = cq.putUnit(r.queueOffset, r.commitLogOffset, r.size, r.tagsCode);
            MessageArrivingListener l = listener;
            if (added && l != null) {
                try {
                    l.arriving(r.topic, r.queueId, r.queueOffset, r.tagsCode, r.storeTimestamp);
                } catch (RuntimeException e) {
                    LOG.warn("message arriving listener failed", e);
                }
            }
        }
        if (r.isIndexed()) {
            index.build(r);
        }
        if (appendsInFrames.getAsBoolean()) {
            replicaCounter.accept(r.size);
        }
        lastDispatchedTimestamp = r.storeTimestamp;
    }

    /** Stops the thread after dispatching what is written. */
    void shutdown() {
        shutdown(10_000);
    }

    /** Waits until everything written is dispatched (tests). */
    boolean awaitDispatched(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (reputFromOffset < commitLog.maxOffset()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            wakeup();
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
