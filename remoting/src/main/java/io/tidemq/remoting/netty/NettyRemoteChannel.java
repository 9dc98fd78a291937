package io.tidemq.remoting.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executor;

/**
 * The {@link RemoteChannel} of one Netty channel. Exactly one instance exists per channel (kept as a channel
 * attribute), so layers above may use it as a map key. Thread-safe.
 */
final class NettyRemoteChannel implements RemoteChannel {
    private static final Logger LOG = LoggerFactory.getLogger(NettyRemoteChannel.class);
    private static final AttributeKey<NettyRemoteChannel> KEY = AttributeKey.valueOf("tidemq.remoteChannel");

    private final Channel channel;
    private final SocketAddress remoteSocketAddress;
    private final String remoteAddress;
    private final String localAddress;
    /** I/O thread only: a flush for {@link #writeInGroup} is queued on the event loop. */
    private boolean groupFlushQueued;

    private NettyRemoteChannel(Channel channel) {
        this.channel = channel;
        this.remoteSocketAddress = channel.remoteAddress();
        this.remoteAddress = format(remoteSocketAddress);
        this.localAddress = format(channel.localAddress());
    }

    /** The one RemoteChannel of {@code channel}. */
    static NettyRemoteChannel of(Channel channel) {
        NettyRemoteChannel rc = channel.attr(KEY).get();
        if (rc == null) {
            NettyRemoteChannel created = new NettyRemoteChannel(channel);
            rc = channel.attr(KEY).setIfAbsent(created);
            if (rc == null) {
                rc = created;
            }
        }
        return rc;
    }

    /** The peer of {@code channel} as {@code ip:port} (empty when unknown), for logs. */
    static String addressOf(Channel channel) {
        NettyRemoteChannel rc = channel.attr(KEY).get();
        return rc != null ? rc.remoteAddress : format(channel.remoteAddress());
    }

    /** {@code ip:port} of a socket address, without host name lookups. */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        return address == null ? "" : address.toString();
    }

    Channel channel() {
        return channel;
    }

    @Override
    public Executor ioThread() {
        return channel.eventLoop();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public SocketAddress remoteSocketAddress() {
        return remoteSocketAddress;
    }

    @Override
    public String localAddress() {
        return localAddress;
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public void writeAndForget(RemotingCommand command) {
        channel.writeAndFlush(command).addListener(f -> logIfFailed(f, command));
    }

    @Override
    public void writeInGroup(RemotingCommand command) {
        EventLoop loop = channel.eventLoop();
        loop.execute(() -> {
            channel.write(command).addListener(f -> logIfFailed(f, command));
            // the flush goes behind the writes already queued on this loop (the rest of the group)
            if (!groupFlushQueued) {
                groupFlushQueued = true;
                loop.execute(this::flushGroup);
            }
        });
    }

    private void flushGroup() {
        groupFlushQueued = false;
        channel.flush();
    }

    private void logIfFailed(Future<?> f, RemotingCommand command) {
        if (!f.isSuccess()) {
            LOG.warn("write of {} to {} failed: {}", command, remoteAddress, String.valueOf(f.cause()));
        }
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "RemoteChannel[" + remoteAddress + "]";
    }
}
