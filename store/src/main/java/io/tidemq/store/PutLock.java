package io.tidemq.store;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CommitLog append lock, remembering since when it is held so that {@link #heldMillis()} can tell a broker
 * that appends are stalling (page cache busy, flow control).
 */
final class PutLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    /** Time the current holder took the lock; 0 while free. */
    private volatile long lockedSince;

    PutLock(Clock clock) {
        this.clock = clock;
    }

    /** Takes the lock; returns the time it was taken (also used as the store timestamp). */
    long lock() {
        lock.lock();
        long now = clock.millis();
        lockedSince = now;
        return now;
    }

    void unlock() {
        lockedSince = 0;
        lock.unlock();
    }

    /** How long the current holder has held the lock, 0 when free. Thread-safe. */
    long heldMillis() {
        long since = lockedSince;
        return since == 0 ? 0 : Math.max(0, clock.millis() - since);
    }
}
