package io.tidemq.remoting.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.exception.RemotingConnectException;
import io.tidemq.remoting.exception.RemotingException;
import io.tidemq.remoting.exception.RemotingSendRequestException;
import io.tidemq.remoting.exception.RemotingTimeoutException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The remoting client: one cached connection per {@code ip:port}, sync/async/oneway calls with timeouts, and
 * processors for the requests servers send us.
 *
 * <p>Threads: {@code clientWorkerThreads} I/O threads, {@code clientCallbackExecutorThreads} for async callbacks
 * and for processors registered without an executor, one thread for {@link ChannelEventListener} callbacks and
 * one that expires async calls every second. Register processors before {@link #start()}; the other methods are
 * thread-safe.
 */
public final class NettyRemotingClient {
    private static final Logger LOG = LoggerFactory.getLogger(NettyRemotingClient.class);
    private static final AttributeKey<String> TARGET = AttributeKey.valueOf("tidemq.clientTarget");

    private final NettyClientConfig config;
    private final ChannelEventDispatcher events;
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final ExecutorService publicPool;
    private final ResponseTable responses;
    private final CommandInvoker invoker;
    private final ConcurrentHashMap<String, ChannelFuture> channels = new ConcurrentHashMap<>();
    /** Held only while a connect is started, never while waiting for it. */
    private final Object connectLock = new Object();
    private final List<RpcHook> hooks = new CopyOnWriteArrayList<>();
    private EventLoopGroup ioGroup;
    private Bootstrap bootstrap;
    private ScheduledExecutorService timeoutScanner;
    private volatile boolean running;

    public NettyRemotingClient(NettyClientConfig config, ChannelEventListener listener) {
        this.config = config;
        this.events = new ChannelEventDispatcher(listener, "TideMQ-ClientChannelEvents");
        this.publicPool = Executors.newFixedThreadPool(Math.max(1, config.getClientCallbackExecutorThreads()),
                new DefaultThreadFactory("TideMQ-ClientPublic", true));
        this.responses = new ResponseTable(publicPool);
        this.invoker = new CommandInvoker(responses, config.getClientOnewaySemaphoreValue(),
                config.getClientAsyncSemaphoreValue());
        dispatcher.setDefaultExecutor(publicPool);
    }

    /** Handles requests the server sends to us (e.g. NOTIFY_CONSUMER_IDS_CHANGED to a client). */
    public void registerProcessor(int code, RequestProcessor processor, ExecutorService executor) {
        dispatcher.register(code, processor, executor);
    }

    /**
     * Adds a hook run around every request this client sends: {@code beforeRequest} before it is written (e.g. to
     * sign it), {@code afterResponse} when a synchronous call returns.
     */
    public void registerRpcHook(RpcHook hook) {
        hooks.add(hook);
    }

    public synchronized void start() {
        if (running) {
            throw new IllegalStateException("client already started");
        }
        // Java NIO, as Apache's client: a broker has a handful of outgoing connections
        Transport transport = Transport.NIO;
        ioGroup = transport.group(Math.max(1, config.getClientWorkerThreads()),
                new DefaultThreadFactory("TideMQ-ClientIO", true));
        FrameEncoder encoder = new FrameEncoder();
        ConnectionEventHandler connections = new ConnectionEventHandler(events, this::channelClosed);
        CommandHandler commands = new CommandHandler(responses, dispatcher);
        SslContext ssl = null;
        if (config.isUseTLS()) {
            try {
                ssl = new TlsContexts(config.getTls()).client();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("useTLS: the TLS client context cannot be made: " + e.getMessage(), e);
            }
        }
        SslContext tlsContext = ssl;
        bootstrap = new Bootstrap()
                .group(ioGroup)
                .channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.getConnectTimeoutMillis())
                .option(ChannelOption.ALLOCATOR, config.isClientPooledByteBufAllocatorEnable()
                        ? PooledByteBufAllocator.DEFAULT : UnpooledByteBufAllocator.DEFAULT)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tlsContext != null) {
                            ch.pipeline().addLast("ssl", tlsContext.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("encoder", encoder)
                                .addLast("decoder", new FrameDecoder(config.getFrameMaxLength()))
                                .addLast("idle", new IdleStateHandler(0, 0,
                                        config.getClientChannelMaxIdleTimeSeconds()))
                                .addLast("commands", commands)
                                .addLast("connections", connections);
                    }
                });
        WriteBufferWaterMark marks = NettyRemotingServer.waterMark(config.getWriteBufferLowWaterMark(),
                config.getWriteBufferHighWaterMark());
        if (marks != null) {
            bootstrap.option(ChannelOption.WRITE_BUFFER_WATER_MARK, marks);
        }
        if (config.getClientSocketSndBufSize() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, config.getClientSocketSndBufSize());
        }
        if (config.getClientSocketRcvBufSize() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, config.getClientSocketRcvBufSize());
        }
        timeoutScanner = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("TideMQ-ClientTimeoutScanner", true));
        timeoutScanner.scheduleAtFixedRate(this::scanTimeouts, 1, 1, TimeUnit.SECONDS);
        running = true;
    }

    private void scanTimeouts() {
        try {
            responses.scanTimeouts();
        } catch (Throwable t) {
            LOG.warn("timeout scan failed", t);
        }
    }

    /** Closes every connection and stops all threads. Idempotent. */
    public synchronized void shutdown() {
        if (ioGroup == null) {
            return;
        }
        running = false;
        timeoutScanner.shutdownNow();
        for (ChannelFuture f : channels.values()) {
            f.channel().close();
        }
        channels.clear();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        ioGroup = null;
        responses.failAll("client shut down");
        events.shutdown();
        publicPool.shutdown();
    }

    /**
     * Sends {@code request} to {@code addr} and waits for the response. The timeout covers connecting too.
     *
     * @throws RemotingConnectException     if no connection could be made
     * @throws RemotingSendRequestException if the request could not be written (the connection is closed)
     * @throws RemotingTimeoutException     if no response came in time (the connection is closed when
     *                                      {@code clientCloseSocketIfTimeout})
     */
    public RemotingCommand invokeSync(String addr, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        long begin = System.nanoTime();
        Channel channel = channelFor(addr);
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        if (left <= 0) {
            throw new RemotingTimeoutException("connecting to " + addr + " used up the " + timeoutMillis
                    + " ms timeout");
        }
        beforeRequest(addr, request);
        try {
            RemotingCommand response = invoker.invokeSync(channel, request, left);
            for (RpcHook hook : hooks) {
                hook.afterResponse(addr, request, response);
            }
            return response;
        } catch (RemotingTimeoutException e) {
            if (config.isClientCloseSocketIfTimeout()) {
                closeChannel(addr, channel);
            }
            throw e;
        } catch (RemotingSendRequestException e) {
            closeChannel(addr, channel);
            throw e;
        }
    }

    /** Sends {@code request}; {@code callback} gets the response or the failure (incl. timeout) exactly once. */
    public void invokeAsync(String addr, RemotingCommand request, long timeoutMillis, InvokeCallback callback)
            throws InterruptedException, RemotingException {
        long begin = System.nanoTime();
        Channel channel = channelFor(addr);
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        if (left <= 0) {
            throw new RemotingTimeoutException("connecting to " + addr + " used up the " + timeoutMillis
                    + " ms timeout");
        }
        beforeRequest(addr, request);
        invoker.invokeAsync(channel, request, left, callback);
    }

    /** Sends {@code request} as oneway (sets the flag); the server does not answer. */
    public void invokeOneway(String addr, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        Channel channel = channelFor(addr);
        beforeRequest(addr, request);
        invoker.invokeOneway(channel, request, timeoutMillis);
    }

    /** Closes the cached connection to {@code addr}, if any. */
    public void closeChannel(String addr) {
        ChannelFuture f = channels.remove(addr);
        if (f != null) {
            LOG.info("closing connection to {}", addr);
            f.channel().close();
        }
    }

    private void closeChannel(String addr, Channel channel) {
        ChannelFuture f = channels.get(addr);
        if (f != null && f.channel() == channel) {
            channels.remove(addr, f);
        }
        LOG.info("closing connection to {}", addr);
        channel.close();
    }

    private void beforeRequest(String addr, RemotingCommand request) {
        for (RpcHook hook : hooks) {
            hook.beforeRequest(addr, request);
        }
    }

    /** The open connection to {@code addr}, connecting if there is none. */
    private Channel channelFor(String addr) throws InterruptedException, RemotingConnectException {
        if (!running) {
            throw new RemotingConnectException("client is not running");
        }
        ChannelFuture f = channels.get(addr);
        if (f == null || (f.isDone() && !f.channel().isActive())) {
            f = connect(addr);
        }
        if (!f.await(config.getConnectTimeoutMillis())) {
            throw new RemotingConnectException("connect to " + addr + " timed out after "
                    + config.getConnectTimeoutMillis() + " ms");
        }
        Channel channel = f.channel();
        if (f.isSuccess() && channel.isActive()) {
            return channel;
        }
        channels.remove(addr, f);
        channel.close();
        throw new RemotingConnectException("cannot connect to " + addr
                + (f.cause() != null ? ": " + f.cause().getMessage() : ""), f.cause());
    }

    private ChannelFuture connect(String addr) throws RemotingConnectException {
        InetSocketAddress target = parse(addr);
        synchronized (connectLock) {
            ChannelFuture existing = channels.get(addr);
            if (existing != null && !(existing.isDone() && !existing.channel().isActive())) {
                return existing;
            }
            if (existing != null) {
                channels.remove(addr, existing);
                existing.channel().close();
            }
            ChannelFuture f = bootstrap.connect(target);
            f.channel().attr(TARGET).set(addr);
            channels.put(addr, f);
            LOG.info("connecting to {}", addr);
            return f;
        }
    }

    private void channelClosed(Channel channel) {
        responses.failChannel(channel);
        String addr = channel.attr(TARGET).get();
        if (addr != null) {
            ChannelFuture f = channels.get(addr);
            if (f != null && f.channel() == channel) {
                channels.remove(addr, f);
            }
        }
    }

    private static InetSocketAddress parse(String addr) throws RemotingConnectException {
        int colon = addr == null ? -1 : addr.lastIndexOf(':');
        if (colon <= 0) {
            throw new RemotingConnectException("bad address \"" + addr + "\", expected ip:port");
        }
        try {
            String host = addr.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new InetSocketAddress(host, Integer.parseInt(addr.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new RemotingConnectException("bad address \"" + addr + "\", expected ip:port", e);
        }
    }
}
