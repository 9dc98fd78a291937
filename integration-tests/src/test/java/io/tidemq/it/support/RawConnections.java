package io.tidemq.it.support;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tidemq.remoting.netty.RemotingFrames;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Many bare protocol connections to one server, for abuse tests that need more of them than official clients could
 * open in one JVM: each can be given frames to send, and its first response, or its closing without one, is
 * recorded.
 */
public final class RawConnections implements AutoCloseable {
    private final NioEventLoopGroup group = new NioEventLoopGroup(2);
    private final List<Channel> channels = new ArrayList<>();
    private final Map<Integer, RemotingCommand> answers = new ConcurrentHashMap<>();
    private final Set<Integer> closedUnanswered = ConcurrentHashMap.newKeySet();
    private final Set<Integer> closed = ConcurrentHashMap.newKeySet();

    /** Opens {@code count} connections to {@code host:port}, one after the other. */
    public RawConnections(String address, int count) throws InterruptedException {
        String host = address.substring(0, address.indexOf(':'));
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class);
        for (int i = 0; i < count; i++) {
            int id = i;
            b.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(16 << 20, 0, 4, 0, 4),
                            new SimpleChannelInboundHandler<ByteBuf>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame)
                                        throws Exception {
                                    RemotingCommand cmd = RemotingFrames.decode(frame);
                                    // the server's own requests (such as NOTIFY_CONSUMER_IDS_CHANGED) are no answer
                                    if (cmd.isResponse()) {
                                        answers.putIfAbsent(id, cmd);
                                    }
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    closed.add(id);
                                    if (!answers.containsKey(id)) {
                                        closedUnanswered.add(id);
                                    }
                                }
                            });
                }
            });
            channels.add(b.connect(host, port).sync().channel());
        }
    }

    /** Queues {@code cmd} on connection {@code i} without flushing it. */
    public void write(int i, RemotingCommand cmd) {
        channels.get(i).write(RemotingFrames.encode(cmd, UnpooledByteBufAllocator.DEFAULT));
    }

    public void flushAll() {
        channels.forEach(Channel::flush);
    }

    /** The first answer each connection got, by connection index. */
    public Map<Integer, RemotingCommand> answers() {
        return answers;
    }

    /** Connections the server closed, or that failed, before answering. */
    public Set<Integer> closedUnanswered() {
        return closedUnanswered;
    }

    /** Connections closed for any reason. */
    public int closedCount() {
        return closed.size();
    }

    public int size() {
        return channels.size();
    }

    /** Waits until every connection got a response or was closed without one, for at most {@code timeout}. */
    public void awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answers.size() + closedUnanswered.size() < channels.size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
