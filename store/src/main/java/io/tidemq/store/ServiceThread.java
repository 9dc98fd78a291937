package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A named daemon thread that loops until stopped and can be woken early. {@link #wakeup()} is cheap when the thread
 * is already awake (one CAS, no syscall), which matters because appends call it for every message.
 */
abstract class ServiceThread implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceThread.class);

    private final Thread thread;
    private final AtomicBoolean notified = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile boolean halted;

    protected ServiceThread(String name) {
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks the loop to end, wakes it and waits for it to finish (at most {@code joinMillis}). */
    public void shutdown(long joinMillis) {
        stopped = true;
        wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within {} ms", thread.getName(), joinMillis);
        }
    }

    /** Stops the loop without its final work (flush, dispatch): what a process kill leaves behind. Tests only. */
    public void shutdownWithoutFlush() {
        halted = true;
        shutdown(10_000);
    }

    /** True when stopped by {@link #shutdownWithoutFlush()}: skip the final work. */
    protected boolean isHalted() {
        return halted;
    }

    public boolean isStopped() {
        return stopped;
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Makes a pending or the next {@link #waitForRunning} return at once. Thread-safe. */
    public void wakeup() {
        if (notified.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    /** Sleeps up to {@code millis} unless woken; only called by the service's own thread. */
    protected void waitForRunning(long millis) {
        if (notified.compareAndSet(true, false)) {
            return;
        }
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(millis));
        notified.set(false);
    }
}
