package io.tidemq.remoting.netty;

import io.netty.channel.Channel;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request waiting for its response. It completes exactly once, with a response or a failure; whoever wins
 * {@link #complete} / {@link #fail} owns the outcome (runs the callback, releases the permit).
 *
 * <p>Thread-safe.
 */
final class ResponseFuture {
    private final int opaque;
    private final Channel channel;
    private final long timeoutMillis;
    private final long deadlineNanos;
    private final InvokeCallback callback;
    private final Semaphore permit;
    private final AtomicBoolean done = new AtomicBoolean();
    private final CountDownLatch latch = new CountDownLatch(1);
    private volatile RemotingCommand response;
    private volatile Throwable cause;

    /**
     * @param callback null for a synchronous call (the caller waits with {@link #await})
     * @param permit   released when the future completes; may be null
     */
    ResponseFuture(int opaque, Channel channel, long timeoutMillis, InvokeCallback callback, Semaphore permit) {
        this.opaque = opaque;
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.callback = callback;
        this.permit = permit;
    }

    int opaque() {
        return opaque;
    }

    Channel channel() {
        return channel;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    InvokeCallback callback() {
        return callback;
    }

    boolean isExpired(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    /** Sets the response; false if the future had already completed. */
    boolean complete(RemotingCommand r) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        response = r;
        finish();
        return true;
    }

    /** Sets the failure; false if the future had already completed. */
    boolean fail(Throwable t) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cause = t;
        finish();
        return true;
    }

    private void finish() {
        if (permit != null) {
            permit.release();
        }
        latch.countDown();
    }

    /** Waits until completed or the timeout passes; true if completed. */
    boolean await(long timeoutMillis) throws InterruptedException {
        return latch.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Waits for a completion that another thread has already claimed. */
    void awaitClaimed() throws InterruptedException {
        latch.await();
    }

    RemotingCommand response() {
        return response;
    }

    Throwable cause() {
        return cause;
    }
}
