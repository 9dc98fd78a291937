package io.tidemq.remoting;

import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request waiting in a processor's executor. Flow control can look at the head of a queue, see how long a
 * request has waited, and answer it with SYSTEM_BUSY instead of letting the client time out; a task answered that
 * way does nothing when it is finally run.
 */
public final class RequestTask implements Runnable {
    private final RemotingCommand request;
    private final RemoteChannel channel;
    private final Runnable work;
    private final Runnable settled;
    /** Monotonic: how long a request waited must not jump when someone steps the wall clock. */
    private final long createdNanos = System.nanoTime();
    private final AtomicBoolean claimed = new AtomicBoolean();

    public RequestTask(RemotingCommand request, RemoteChannel channel, Runnable work) {
        this(request, channel, work, () -> { });
    }

    /** {@code settled} runs exactly once, after the work ran or the task was rejected, whichever came first. */
    public RequestTask(RemotingCommand request, RemoteChannel channel, Runnable work, Runnable settled) {
        this.request = request;
        this.channel = channel;
        this.work = work;
        this.settled = settled;
    }

    public RemotingCommand request() {
        return request;
    }

    /** How long since the task was created, ms. */
    public long waitedMillis() {
        return (System.nanoTime() - createdNanos) / 1_000_000;
    }

    @Override
    public void run() {
        if (claimed.compareAndSet(false, true)) {
            try {
                work.run();
            } finally {
                settled.run();
            }
        }
    }

    /** Answers the request with {@code code}/{@code remark} unless it already started; true if this call did. */
    public boolean reject(int code, String remark) {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        if (!request.isOneway()) {
            RemotingCommand response = RemotingCommand.createResponse(code, remark);
            response.setOpaque(request.getOpaque());
            channel.writeAndForget(response);
        }
        settled.run();
        return true;
    }
}
