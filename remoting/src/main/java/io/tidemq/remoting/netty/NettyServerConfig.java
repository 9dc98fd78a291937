package io.tidemq.remoting.netty;

import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigKey.Origin;

/**
 * Settings of a remoting server, with Apache RocketMQ's property keys (the field names). In a broker, the keys that
 * Apache applies to both its server and its client objects ({@code writeBufferHighWaterMark},
 * {@code writeBufferLowWaterMark}) and {@code frameMaxLength} live here and are copied to the broker's outgoing
 * connections, so each key has one home.
 */
public class NettyServerConfig implements Cloneable {
    @ConfigKey(doc = "Local address the servers bind; Apache always binds every interface.", origin = Origin.TIDEMQ)
    private String bindAddress = "0.0.0.0";
    @ConfigKey(doc = "Port of the main remoting server. A broker also listens on listenPort-2 (the channel "
            + "clients use for sends when vipChannelEnabled) and listenPort+1 (replication to slaves).",
            defaultText = "10911 for a broker, 9876 for a NameServer", important = true)
    private int listenPort = 8888;
    @ConfigKey(doc = "Threads that run requests whose family has no thread pool of its own.")
    private int serverWorkerThreads = 8;
    @ConfigKey(doc = "Threads that run the callbacks of asynchronous calls from this server to clients; 0 means 4.")
    private int serverCallbackExecutorThreads = 0;
    @ConfigKey(doc = "Netty I/O threads (event loops) that read and write the connections.")
    private int serverSelectorThreads = 3;
    @ConfigKey(doc = "Oneway requests this server may have in flight towards clients at once.")
    private int serverOnewaySemaphoreValue = 256;
    @ConfigKey(doc = "Asynchronous requests this server may have in flight towards clients at once.")
    private int serverAsyncSemaphoreValue = 64;
    @ConfigKey(doc = "A connection with neither reads nor writes for this many seconds is closed.")
    private int serverChannelMaxIdleTimeSeconds = 120;
    @ConfigKey(doc = "SO_SNDBUF of accepted connections in bytes; 0 keeps the operating system's default.")
    private int serverSocketSndBufSize = 0;
    @ConfigKey(doc = "SO_RCVBUF of accepted connections in bytes; 0 keeps the operating system's default.")
    private int serverSocketRcvBufSize = 0;
    @ConfigKey(doc = "Bytes queued for writing on one connection above which it stops accepting writes until the "
            + "queue drains to writeBufferLowWaterMark (also for a broker's outgoing connections); 0 keeps Netty's "
            + "default (64 KiB). Apache's default is 0.")
    private int writeBufferHighWaterMark = 4 * 1024 * 1024;
    @ConfigKey(doc = "See writeBufferHighWaterMark; 0 keeps Netty's default (32 KiB). Apache's default is 0.")
    private int writeBufferLowWaterMark = 1024 * 1024;
    @ConfigKey(doc = "Length of the queue of connections not yet accepted (SO_BACKLOG).")
    private int serverSocketBacklog = 1024;
    @ConfigKey(doc = "Allocate I/O buffers from Netty's pooled allocator (less garbage) instead of unpooled ones.")
    private boolean serverPooledByteBufAllocatorEnable = true;
    @ConfigKey(doc = "Use Linux's native epoll transport instead of Java NIO; ignored, with a warning, where epoll is "
            + "not available (as Apache does off Linux).")
    private boolean useEpollNativeSelector = false;
    @ConfigKey(doc = "Largest frame accepted or sent, counting the 4-byte length field, on this server's connections "
            + "and a broker's outgoing ones (Apache: the system property com.rocketmq.remoting.frameMaxLength, also "
            + "honoured here as the default).", defaultText = "16777216 (16 MiB)", origin = Origin.TIDEMQ)
    private int frameMaxLength = Integer.getInteger("com.rocketmq.remoting.frameMaxLength", 16 * 1024 * 1024);
    @ConfigKey(doc = "Bytes of request frames a server holds at once, from reading a frame's length until the "
            + "request is processed; a request that would go beyond it (bodies over 64 KiB only) is answered "
            + "SYSTEM_BUSY unread, which the official producer retries. Bounds memory under floods of big sends; "
            + "Apache has no such limit. 0 means a quarter of the maximum heap.", defaultText = "0 (heap / 4)",
            origin = Origin.TIDEMQ)
    private long serverRequestBytesInFlightLimit = 0;
    /** TLS of accepted connections (Apache's tls.* system properties); not a key of the config file. */
    private TlsConfig tls = TlsConfig.DISABLED;

    /** An independent copy (all fields are values), e.g. for a second server on another port. */
    public NettyServerConfig copy() {
        try {
            return (NettyServerConfig) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    public TlsConfig getTls() {
        return tls;
    }

    public void setTls(TlsConfig tls) {
        this.tls = tls;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getListenPort() {
        return listenPort;
    }

    public void setListenPort(int listenPort) {
        this.listenPort = listenPort;
    }

    public int getServerWorkerThreads() {
        return serverWorkerThreads;
    }

    public void setServerWorkerThreads(int serverWorkerThreads) {
        this.serverWorkerThreads = serverWorkerThreads;
    }

    public int getServerCallbackExecutorThreads() {
        return serverCallbackExecutorThreads;
    }

    public void setServerCallbackExecutorThreads(int serverCallbackExecutorThreads) {
        this.serverCallbackExecutorThreads = serverCallbackExecutorThreads;
    }

    public int getServerSelectorThreads() {
        return serverSelectorThreads;
    }

    public void setServerSelectorThreads(int serverSelectorThreads) {
        this.serverSelectorThreads = serverSelectorThreads;
    }

    public int getServerOnewaySemaphoreValue() {
        return serverOnewaySemaphoreValue;
    }

    public void setServerOnewaySemaphoreValue(int serverOnewaySemaphoreValue) {
        this.serverOnewaySemaphoreValue = serverOnewaySemaphoreValue;
    }

    public int getServerAsyncSemaphoreValue() {
        return serverAsyncSemaphoreValue;
    }

    public void setServerAsyncSemaphoreValue(int serverAsyncSemaphoreValue) {
        this.serverAsyncSemaphoreValue = serverAsyncSemaphoreValue;
    }

    public int getServerChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public void setServerChannelMaxIdleTimeSeconds(int serverChannelMaxIdleTimeSeconds) {
        this.serverChannelMaxIdleTimeSeconds = serverChannelMaxIdleTimeSeconds;
    }

    public int getServerSocketSndBufSize() {
        return serverSocketSndBufSize;
    }

    public void setServerSocketSndBufSize(int serverSocketSndBufSize) {
        this.serverSocketSndBufSize = serverSocketSndBufSize;
    }

    public int getServerSocketRcvBufSize() {
        return serverSocketRcvBufSize;
    }

    public void setServerSocketRcvBufSize(int serverSocketRcvBufSize) {
        this.serverSocketRcvBufSize = serverSocketRcvBufSize;
    }

    public int getWriteBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    public void setWriteBufferHighWaterMark(int writeBufferHighWaterMark) {
        this.writeBufferHighWaterMark = writeBufferHighWaterMark;
    }

    public int getWriteBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    public void setWriteBufferLowWaterMark(int writeBufferLowWaterMark) {
        this.writeBufferLowWaterMark = writeBufferLowWaterMark;
    }

    public int getServerSocketBacklog() {
        return serverSocketBacklog;
    }

    public void setServerSocketBacklog(int serverSocketBacklog) {
        this.serverSocketBacklog = serverSocketBacklog;
    }

    public boolean isServerPooledByteBufAllocatorEnable() {
        return serverPooledByteBufAllocatorEnable;
    }

    public void setServerPooledByteBufAllocatorEnable(boolean serverPooledByteBufAllocatorEnable) {
        this.serverPooledByteBufAllocatorEnable = serverPooledByteBufAllocatorEnable;
    }

    public boolean isUseEpollNativeSelector() {
        return useEpollNativeSelector;
    }

    public void setUseEpollNativeSelector(boolean useEpollNativeSelector) {
        this.useEpollNativeSelector = useEpollNativeSelector;
    }

    public long getServerRequestBytesInFlightLimit() {
        return serverRequestBytesInFlightLimit;
    }

    public void setServerRequestBytesInFlightLimit(long serverRequestBytesInFlightLimit) {
        this.serverRequestBytesInFlightLimit = serverRequestBytesInFlightLimit;
    }

    /**
     * The limit in effect: the configured one, or a quarter of the maximum heap when it is 0.
     *
     * @throws IllegalArgumentException for a negative setting
     */
    public long requestBytesInFlightLimit() {
        if (serverRequestBytesInFlightLimit < 0) {
            throw new IllegalArgumentException("serverRequestBytesInFlightLimit must be >= 0 (0: a quarter of the "
                    + "heap), got " + serverRequestBytesInFlightLimit);
        }
        return serverRequestBytesInFlightLimit > 0 ? serverRequestBytesInFlightLimit
                : Math.max(1, Runtime.getRuntime().maxMemory() / 4);
    }

    public int getFrameMaxLength() {
        return frameMaxLength;
    }

    public void setFrameMaxLength(int frameMaxLength) {
        this.frameMaxLength = frameMaxLength;
    }
}
