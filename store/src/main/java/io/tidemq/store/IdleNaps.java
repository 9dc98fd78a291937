package io.tidemq.store;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread that follows the CommitLog waits for more: while data keeps arriving it naps briefly and looks
 * again, so writers never pay for waking it; only after several empty naps in a row does it go to a sleep that a
 * writer must end. On this kind of machine each wake-up costs a system call on both sides, and one per append was
 * the largest single cost of a send. Not thread-safe: one per following thread.
 */
public final class IdleNaps {
    private final long napNanos;
    private final int napsBeforeSleep;
    private int emptyNaps;

    /** @param napNanos longest a new append waits to be seen while the thread is active */
    public IdleNaps(long napNanos, int napsBeforeSleep) {
        this.napNanos = napNanos;
        this.napsBeforeSleep = napsBeforeSleep;
    }

    /** The thread found work. */
    public void worked() {
        emptyNaps = 0;
    }

    /**
     * The thread found nothing: naps once and returns true, or returns false when it has napped long enough and
     * should now sleep until woken (the count starts again after that sleep).
     */
    public boolean napUnlessDrowsy() {
        if (emptyNaps < napsBeforeSleep) {
            emptyNaps++;
            LockSupport.parkNanos(this, napNanos);
            return true;
        }
        emptyNaps = 0;
        return false;
    }
}
