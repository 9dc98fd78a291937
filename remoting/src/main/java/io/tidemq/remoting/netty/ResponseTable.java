package io.tidemq.remoting.netty;

import io.netty.channel.Channel;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.exception.RemotingConnectException;
import io.tidemq.remoting.exception.RemotingTimeoutException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Requests in flight on one client or server, keyed by opaque. Matches responses to them, expires asynchronous
 * ones ({@link #scanTimeouts}, run every second), fails those of a closed connection, and runs callbacks on the
 * callback executor (on the calling thread if that executor refuses).
 *
 * <p>Thread-safe.
 */
final class ResponseTable {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseTable.class);

    private final ConcurrentHashMap<Integer, ResponseFuture> pending = new ConcurrentHashMap<>();
    private final Executor callbackExecutor;

    ResponseTable(Executor callbackExecutor) {
        this.callbackExecutor = callbackExecutor;
    }

    void put(ResponseFuture f) {
        ResponseFuture previous = pending.put(f.opaque(), f);
        if (previous != null) {
            LOG.warn("opaque {} reused while a request with it was still pending", f.opaque());
        }
    }

    void remove(ResponseFuture f) {
        pending.remove(f.opaque(), f);
    }

    int size() {
        return pending.size();
    }

    /** A response arrived on {@code channel}; one with an unknown opaque is logged and dropped. */
    void onResponse(Channel channel, RemotingCommand response) {
        ResponseFuture f = pending.remove(response.getOpaque());
        if (f == null) {
            LOG.warn("dropping response with unknown opaque {} from {}: {}", response.getOpaque(),
                    NettyRemoteChannel.addressOf(channel), response);
            return;
        }
        if (f.complete(response)) {
            runCallback(f);
        }
    }

    /** Fails {@code f} (if still pending) and tells its callback. */
    void fail(ResponseFuture f, Throwable cause) {
        remove(f);
        if (f.fail(cause)) {
            runCallback(f);
        }
    }

    /** Expires asynchronous requests whose deadline has passed (synchronous callers time out by themselves). */
    void scanTimeouts() {
        long now = System.nanoTime();
        for (ResponseFuture f : pending.values()) {
            if (f.callback() != null && f.isExpired(now)) {
                fail(f, new RemotingTimeoutException("no response from " + NettyRemoteChannel.addressOf(f.channel())
                        + " within " + f.timeoutMillis() + " ms (opaque " + f.opaque() + ")"));
            }
        }
    }

    /** Fails every request sent on {@code channel}, which has closed. */
    void failChannel(Channel channel) {
        for (ResponseFuture f : pending.values()) {
            if (f.channel() == channel) {
                fail(f, new RemotingConnectException("connection to " + NettyRemoteChannel.addressOf(channel)
                        + " closed before the response to opaque " + f.opaque() + " arrived"));
            }
        }
    }

    /** Fails everything (shutdown). */
    void failAll(String why) {
        for (ResponseFuture f : pending.values()) {
            fail(f, new RemotingConnectException(why));
        }
    }

    private void runCallback(ResponseFuture f) {
        InvokeCallback callback = f.callback();
        if (callback == null) {
            return;
        }
        Runnable task = () -> {
            try {
                RemotingCommand response = f.response();
                if (response != null) {
                    callback.onResponse(response);
                } else {
                    callback.onFailure(f.cause());
                }
            } catch (Throwable t) {
                LOG.warn("invoke callback for opaque {} threw", f.opaque(), t);
            }
        };
        try {
            callbackExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }
}
