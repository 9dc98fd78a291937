package io.tidemq.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Cuts the store back to a physical offset while it runs (a diverged slave, or a promoted one with a half-received
 * record): CommitLog, consume queues, index, dispatch position and queue offset counters together, then saves the
 * checkpoint so a crash right after cannot mistake the cut for damage. A {@link TruncationMarker} brackets the cut,
 * so recovery completes one that a crash interrupted. Serialized with dispatch and the logic flush.
 */
final class LogTruncator {
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputDispatcher dispatcher;
    private final StoreHealth health;
    private final TruncationMarker marker;

    LogTruncator(CommitLog commitLog, ConsumeQueueTable queues, IndexService index, ReputDispatcher dispatcher,
                 StoreHealth health, TruncationMarker marker) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
        this.health = health;
        this.marker = marker;
    }

    /** Drops queue units and re-opens index coverage for records at or after {@code phyOffset}. */
    void truncateLogic(long phyOffset) {
        dispatcher.lock().lock();
        try {
            truncateLogicLocked(phyOffset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            dispatcher.lock().unlock();
        }
    }

    private void truncateLogicLocked(long phyOffset) throws IOException {
        queues.truncateFrom(phyOffset);
        index.truncateFrom(phyOffset);
        if (dispatcher.dispatchedOffset() > phyOffset) {
            dispatcher.setReputFromOffset(phyOffset);
        }
    }

    /** Cuts everything at {@code phyOffset}; false when it lies outside [min, max] or IO fails. */
    boolean truncateAll(long phyOffset, LogicFlushService logicFlush) {
        if (phyOffset < commitLog.minOffset() || phyOffset > commitLog.maxOffset()) {
            return false;
        }
        synchronized (logicFlush) {
            dispatcher.lock().lock();
            try {
                marker.write(phyOffset);
                commitLog.truncateTo(phyOffset);
                truncateLogicLocked(phyOffset);
                resetQueueOffsetCounters();
                logicFlush.flushOnce();
                marker.clear();
                return true;
            } catch (IOException e) {
                health.markIoError("truncating the CommitLog failed", e);
                return false;
            } finally {
                dispatcher.lock().unlock();
            }
        }
    }

    /**
     * A replica about to take local appends: dispatches every whole record it holds, cuts a record the replication
     * stream left half-written (appending after it would bury it mid-log), and sets the queue offset counters from
     * the consume queues (replicated records never moved them). False when the cut fails.
     */
    boolean prepareForLocalAppends(LogicFlushService logicFlush) {
        // a slave serves reads only up to what its master confirmed, but every whole record it holds is the new
        // master's log: the cut below must keep them all and drop only a torn tail
        dispatcher.setDispatchLimit(() -> Long.MAX_VALUE);
        boolean progressed = true;
        while (progressed) {
            progressed = dispatcher.dispatchAvailable();
        }
        long whole = dispatcher.dispatchedOffset();
        if (whole < commitLog.maxOffset()) {
            return truncateAll(whole, logicFlush);
        }
        dispatcher.lock().lock();
        try {
            resetQueueOffsetCounters();
        } finally {
            dispatcher.lock().unlock();
        }
        return true;
    }

    /** With the dispatch lock held: the next queue offset of every queue is where its consume queue ends. */
    private void resetQueueOffsetCounters() {
        commitLog.putLock().lock();
        try {
            QueueOffsetTable counters = commitLog.queueOffsets();
            counters.clear();
            for (ConsumeQueue cq : queues.all()) {
                counters.set(cq.topic(), cq.queueId(), cq.maxOffset());
            }
        } finally {
            commitLog.putLock().unlock();
        }
    }
}
