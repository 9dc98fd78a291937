package io.tidemq.remoting.netty;

import io.netty.channel.Channel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tidemq.remoting.ChannelEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Delivers connection events to a {@link ChannelEventListener} on one dedicated thread, in the order they
 * happened, so a slow listener never stalls an I/O thread. Events beyond a bounded backlog are dropped and logged.
 *
 * <p>Thread-safe.
 */
final class ChannelEventDispatcher {
    /** Events a listener may fall behind by before new ones are dropped (as the official event executor does). */
    private static final int MAX_BACKLOG = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ChannelEventDispatcher.class);

    enum Type { CONNECT, CLOSE, EXCEPTION, IDLE }

    private final ChannelEventListener listener;
    private final ExecutorService thread;

    /** @param listener may be null, then every event is ignored and no thread is started */
    ChannelEventDispatcher(ChannelEventListener listener, String threadName) {
        this.listener = listener;
        this.thread = listener == null ? null : new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(MAX_BACKLOG), new DefaultThreadFactory(threadName, true));
    }

    void fire(Type type, Channel channel) {
        if (listener == null) {
            return;
        }
        NettyRemoteChannel remote = NettyRemoteChannel.of(channel);
        try {
            thread.execute(() -> deliver(type, remote));
        } catch (RejectedExecutionException e) {
            LOG.warn("dropping {} event of {}: listener backlog full or stopped", type, remote.remoteAddress());
        }
    }

    private void deliver(Type type, NettyRemoteChannel remote) {
        String addr = remote.remoteAddress();
        try {
            switch (type) {
                case CONNECT -> listener.onChannelConnect(addr, remote);
                case CLOSE -> listener.onChannelClose(addr, remote);
                case EXCEPTION -> listener.onChannelException(addr, remote);
                case IDLE -> listener.onChannelIdle(addr, remote);
            }
        } catch (Throwable t) {
            LOG.warn("channel event listener threw on {} of {}", type, addr, t);
        }
    }

    /** Stops after the events already queued have been delivered (waits a little for them). */
    void shutdown() {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            thread.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
