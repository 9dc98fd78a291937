package io.tidemq.remoting.netty;

import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request frames a server holds at once, from the moment a frame's length is read until its request is
 * settled (processed, answered as busy, or dropped with its connection): their buffers and the body copies are what
 * a flood of big sends would otherwise pile up until the heap or direct memory runs out. Frames up to
 * {@link #ALWAYS_ADMITTED} bytes are counted but never refused, so pulls, heartbeats and admin requests keep flowing
 * while big sends are turned away. Thread-safe.
 */
public final class RequestBytesBudget {
    /** Frames this small (every request except message bodies) are admitted whatever the budget holds. */
    static final int ALWAYS_ADMITTED = 64 * 1024;

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit bytes held at once above which big frames are refused */
    public RequestBytesBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    /** Counts {@code bytes} in, unless the frame is big and would take the total over the limit; true if counted. */
    boolean tryReserve(int bytes) {
        while (true) {
            long cur = used.get();
            // with nothing held, even a frame above the limit gets through: a budget below frameMaxLength cannot
            // refuse a legal frame forever
            if (bytes > ALWAYS_ADMITTED && cur > 0 && cur + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(cur, cur + bytes)) {
                return true;
            }
        }
    }

    /** Counts {@code bytes} in unconditionally (a response to our own request must not be turned away). */
    void reserve(int bytes) {
        used.addAndGet(bytes);
    }

    void release(int bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
        }
    }

    /** Releases what {@code cmd} was counted with, once (later calls release nothing). */
    void release(RemotingCommand cmd) {
        release(cmd.takeInboundBytes());
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
