package io.tidemq.remoting.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.exception.RemotingException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The remoting server: accepts connections, decodes frames, dispatches requests to processors by code, and can
 * send requests of its own to connected clients (e.g. NOTIFY_CONSUMER_IDS_CHANGED, CHECK_TRANSACTION_STATE).
 *
 * <p>Threads: one acceptor, {@code serverSelectorThreads} I/O threads (decode, encode, dispatch only),
 * {@code serverWorkerThreads} for processors registered without an executor, a callback pool for async
 * invocations, one thread for {@link ChannelEventListener} callbacks and one that expires async calls every
 * second. Register processors before {@link #start()}; the other methods are thread-safe.
 */
public final class NettyRemotingServer {
    private static final Logger LOG = LoggerFactory.getLogger(NettyRemotingServer.class);
    /** Used when serverCallbackExecutorThreads is 0 or less (the official default). */
    private static final int DEFAULT_CALLBACK_THREADS = 4;

    private final NettyServerConfig config;
    private final ChannelEventDispatcher events;
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final ExecutorService workerPool;
    private final ExecutorService callbackPool;
    private final ResponseTable responses;
    private final CommandInvoker invoker;
    private EventLoopGroup bossGroup;
    private EventLoopGroup selectorGroup;
    private ScheduledExecutorService timeoutScanner;
    private Channel serverChannel;
    private volatile int localPort = -1;
    private boolean started;
    private boolean stopped;

    public NettyRemotingServer(NettyServerConfig config, ChannelEventListener listener) {
        this.config = config;
        this.events = new ChannelEventDispatcher(listener, "TideMQ-ServerChannelEvents");
        this.workerPool = Executors.newFixedThreadPool(Math.max(1, config.getServerWorkerThreads()),
                new DefaultThreadFactory("TideMQ-ServerWorker", true));
        int callbackThreads = config.getServerCallbackExecutorThreads() > 0
                ? config.getServerCallbackExecutorThreads() : DEFAULT_CALLBACK_THREADS;
        this.callbackPool = Executors.newFixedThreadPool(callbackThreads,
                new DefaultThreadFactory("TideMQ-ServerCallback", true));
        this.responses = new ResponseTable(callbackPool);
        this.invoker = new CommandInvoker(responses, config.getServerOnewaySemaphoreValue(),
                config.getServerAsyncSemaphoreValue());
        dispatcher.setDefaultExecutor(workerPool);
    }

    /** Routes {@code code} to {@code processor}, run on {@code executor} (the default worker pool if null). */
    public void registerProcessor(int code, RequestProcessor processor, ExecutorService executor) {
        dispatcher.register(code, processor, executor);
    }

    /** Handles every code without a processor of its own. Without one, unknown codes get REQUEST_CODE_NOT_SUPPORTED. */
    public void registerDefaultProcessor(RequestProcessor processor, ExecutorService executor) {
        dispatcher.registerDefault(processor, executor);
    }

    public void registerRpcHook(RpcHook hook) {
        dispatcher.addHook(hook);
    }

    /**
     * Binds {@code bindAddress:listenPort} and starts serving.
     *
     * @throws IllegalStateException if the address cannot be bound (the message names it), or on a second start
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("server already started");
        }
        started = true;
        Transport transport = Transport.choose(config.isUseEpollNativeSelector());
        bossGroup = transport.group(1, new DefaultThreadFactory("TideMQ-ServerBoss", false));
        selectorGroup = transport.group(Math.max(1, config.getServerSelectorThreads()),
                new DefaultThreadFactory("TideMQ-ServerSelector", false));
        FrameEncoder encoder = new FrameEncoder();
        ConnectionEventHandler connections = new ConnectionEventHandler(events, responses::failChannel);
        RequestBytesBudget budget = new RequestBytesBudget(config.requestBytesInFlightLimit());
        dispatcher.setBudget(budget);
        CommandHandler commands = new CommandHandler(responses, dispatcher, budget);
        OutboundBackpressure backpressure = new OutboundBackpressure();
        TlsConfig tls = config.getTls();
        TlsContexts tlsContexts = new TlsContexts(tls);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, selectorGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, config.getServerSocketBacklog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, false)
                .childOption(ChannelOption.ALLOCATOR, config.isServerPooledByteBufAllocatorEnable()
                        ? PooledByteBufAllocator.DEFAULT : UnpooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls.mode() != TlsConfig.Mode.DISABLED) {
                            ch.pipeline().addLast("tlsDetector", new TlsDetector(tls.mode(), tlsContexts));
                        }
                        // responses produced while a read is being processed (requests handled on the I/O
                        // thread) leave in one write at the end of the read instead of one system call each;
                        // answers completed elsewhere in groups (group commit, slave acknowledgement) use
                        // RemoteChannel.writeInGroup; other answers from other threads (long-polled pulls) are
                        // flushed at once rather than behind a task
                        ch.pipeline().addLast("flushConsolidation", new FlushConsolidationHandler(
                                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false))
                                .addLast("encoder", encoder)
                                .addLast("decoder", new FrameDecoder(config.getFrameMaxLength(), budget, true))
                                .addLast("idle", new IdleStateHandler(0, 0,
                                        config.getServerChannelMaxIdleTimeSeconds()))
                                .addLast("backpressure", backpressure)
                                .addLast("commands", commands)
                                .addLast("connections", connections);
                    }
                });
        WriteBufferWaterMark marks = waterMark(config.getWriteBufferLowWaterMark(),
                config.getWriteBufferHighWaterMark());
        if (marks != null) {
            bootstrap.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, marks);
        }
        if (config.getServerSocketSndBufSize() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.getServerSocketSndBufSize());
        }
        if (config.getServerSocketRcvBufSize() > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, config.getServerSocketRcvBufSize());
        }
        String where = config.getBindAddress() + ":" + config.getListenPort();
        try {
            serverChannel = bootstrap.bind(config.getBindAddress(), config.getListenPort()).syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            shutdown();
            throw new IllegalStateException("cannot listen on " + where + ": " + e.getMessage(), e);
        }
        localPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        timeoutScanner = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("TideMQ-ServerTimeoutScanner", true));
        timeoutScanner.scheduleAtFixedRate(this::scanTimeouts, 1, 1, TimeUnit.SECONDS);
        LOG.info("remoting server listening on {}:{}", config.getBindAddress(), localPort);
    }

    /** The marks to set, or null to keep Netty's defaults (either value 0 or less, as in Apache). */
    static WriteBufferWaterMark waterMark(int low, int high) {
        if (low <= 0 || high <= 0) {
            return null;
        }
        return new WriteBufferWaterMark(Math.min(low, high), high);
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
        if (stopped) {
            return;
        }
        stopped = true;
        if (timeoutScanner != null) {
            timeoutScanner.shutdownNow();
        }
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (selectorGroup != null) {
            selectorGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        responses.failAll("server shut down");
        events.shutdown();
        workerPool.shutdown();
        callbackPool.shutdown();
        LOG.info("remoting server on port {} stopped", localPort);
    }

    /** The port actually bound (useful when configured with 0); -1 before {@link #start()}. */
    public int localPort() {
        return localPort;
    }

    /** Sends a server-initiated request to a connected client and waits for its response. */
    public RemotingCommand invokeSync(RemoteChannel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        return invoker.invokeSync(nettyChannel(channel), request, timeoutMillis);
    }

    /** Sends a server-initiated request; {@code callback} gets the response or the failure (incl. timeout), once. */
    public void invokeAsync(RemoteChannel channel, RemotingCommand request, long timeoutMillis,
                            InvokeCallback callback) throws InterruptedException, RemotingException {
        invoker.invokeAsync(nettyChannel(channel), request, timeoutMillis, callback);
    }

    /** Sends a server-initiated oneway request (marks it oneway); the client does not answer. */
    public void invokeOneway(RemoteChannel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        invoker.invokeOneway(nettyChannel(channel), request, timeoutMillis);
    }

    private static Channel nettyChannel(RemoteChannel channel) {
        if (channel instanceof NettyRemoteChannel n) {
            return n.channel();
        }
        throw new IllegalArgumentException("not a channel of this transport: " + channel);
    }
}
