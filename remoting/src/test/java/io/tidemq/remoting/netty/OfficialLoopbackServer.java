package io.tidemq.remoting.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.apache.rocketmq.remoting.ChannelEventListener;
import org.apache.rocketmq.remoting.common.Pair;
import org.apache.rocketmq.remoting.netty.NettyDecoder;
import org.apache.rocketmq.remoting.netty.NettyEncoder;
import org.apache.rocketmq.remoting.netty.NettyRemotingAbstract;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The official 4.9.3 server machinery (its frame encoder/decoder and {@code NettyRemotingAbstract}'s request
 * dispatch, response matching and invoke methods) on a bootstrap bound to 127.0.0.1. The official
 * {@code NettyRemotingServer} itself always binds the wildcard address, which our tests must not do.
 */
final class OfficialLoopbackServer extends NettyRemotingAbstract {
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    final List<Channel> connections = new CopyOnWriteArrayList<>();
    private Channel serverChannel;

    OfficialLoopbackServer() {
        super(64, 64);
    }

    void registerProcessor(int code, NettyRequestProcessor processor) {
        processorTable.put(code, new Pair<>(processor, executor));
    }

    int start() {
        NettyEncoder encoder = new NettyEncoder();
        serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(encoder, new NettyDecoder(),
                                new SimpleChannelInboundHandler<RemotingCommand>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand msg)
                                            throws Exception {
                                        processMessageReceived(ctx, msg);
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    void shutdown() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        executor.shutdownNow();
    }

    @Override
    public ChannelEventListener getChannelEventListener() {
        return null;
    }

    @Override
    public ExecutorService getCallbackExecutor() {
        return executor;
    }
}
