package io.tidemq.remoting.netty;

import io.tidemq.config.ConfigKey;

/**
 * Settings of a remoting client (a broker's connections to NameServers and to its master, and tools), with Apache
 * RocketMQ's property keys. The write-buffer marks and the frame limit are not keys of their own here: a broker
 * copies them from its {@link NettyServerConfig}, where those keys live.
 */
public class NettyClientConfig {
    @ConfigKey(doc = "Netty I/O threads of the broker's outgoing connections.")
    private int clientWorkerThreads = 4;
    @ConfigKey(doc = "Threads that run responses and callbacks of the broker's outgoing calls.",
            defaultText = "the number of cores")
    private int clientCallbackExecutorThreads = Runtime.getRuntime().availableProcessors();
    @ConfigKey(doc = "Oneway requests the broker may have in flight towards other servers at once.")
    private int clientOnewaySemaphoreValue = 65535;
    @ConfigKey(doc = "Asynchronous requests the broker may have in flight towards other servers at once.")
    private int clientAsyncSemaphoreValue = 65535;
    @ConfigKey(doc = "Time allowed to open a connection to another server, ms.")
    private int connectTimeoutMillis = 3000;
    @ConfigKey(doc = "Declared by Apache's client config.",
            noEffect = "Apache RocketMQ 4.9.3 reads it nowhere either.")
    private long channelNotActiveInterval = 1000 * 60;
    @ConfigKey(doc = "An outgoing connection with neither reads nor writes for this many seconds is closed.")
    private int clientChannelMaxIdleTimeSeconds = 120;
    @ConfigKey(doc = "SO_SNDBUF of outgoing connections in bytes; 0 keeps the operating system's default.")
    private int clientSocketSndBufSize = 0;
    @ConfigKey(doc = "SO_RCVBUF of outgoing connections in bytes; 0 keeps the operating system's default.")
    private int clientSocketRcvBufSize = 0;
    @ConfigKey(doc = "Allocate the I/O buffers of outgoing connections from Netty's pooled allocator.")
    private boolean clientPooledByteBufAllocatorEnable = false;
    @ConfigKey(doc = "Close an outgoing connection when a synchronous call on it times out.")
    private boolean clientCloseSocketIfTimeout = true;
    @ConfigKey(doc = "Use TLS for the broker's own connections to NameServers and its master (the metadata sync; "
            + "the replication stream stays plain, as in Apache). Client-side settings: the tls.client.* system "
            + "properties and tls.config.file.", defaultText = "-Dtls.enable, else false")
    private boolean useTLS = Boolean.parseBoolean(System.getProperty(TlsConfig.ENABLE, "false").trim());
    private int writeBufferHighWaterMark = 4 * 1024 * 1024;
    private int writeBufferLowWaterMark = 1024 * 1024;
    private int frameMaxLength = Integer.getInteger("com.rocketmq.remoting.frameMaxLength", 16 * 1024 * 1024);
    /** Client-side TLS settings used when useTLS; not a key of the config file. */
    private TlsConfig tls = TlsConfig.DISABLED;

    public int getClientWorkerThreads() {
        return clientWorkerThreads;
    }

    public void setClientWorkerThreads(int clientWorkerThreads) {
        this.clientWorkerThreads = clientWorkerThreads;
    }

    public int getClientCallbackExecutorThreads() {
        return clientCallbackExecutorThreads;
    }

    public void setClientCallbackExecutorThreads(int clientCallbackExecutorThreads) {
        this.clientCallbackExecutorThreads = clientCallbackExecutorThreads;
    }

    public int getClientOnewaySemaphoreValue() {
        return clientOnewaySemaphoreValue;
    }

    public void setClientOnewaySemaphoreValue(int clientOnewaySemaphoreValue) {
        this.clientOnewaySemaphoreValue = clientOnewaySemaphoreValue;
    }

    public int getClientAsyncSemaphoreValue() {
        return clientAsyncSemaphoreValue;
    }

    public void setClientAsyncSemaphoreValue(int clientAsyncSemaphoreValue) {
        this.clientAsyncSemaphoreValue = clientAsyncSemaphoreValue;
    }

    public int getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public long getChannelNotActiveInterval() {
        return channelNotActiveInterval;
    }

    public void setChannelNotActiveInterval(long channelNotActiveInterval) {
        this.channelNotActiveInterval = channelNotActiveInterval;
    }

    public int getClientChannelMaxIdleTimeSeconds() {
        return clientChannelMaxIdleTimeSeconds;
    }

    public void setClientChannelMaxIdleTimeSeconds(int clientChannelMaxIdleTimeSeconds) {
        this.clientChannelMaxIdleTimeSeconds = clientChannelMaxIdleTimeSeconds;
    }

    public int getClientSocketSndBufSize() {
        return clientSocketSndBufSize;
    }

    public void setClientSocketSndBufSize(int clientSocketSndBufSize) {
        this.clientSocketSndBufSize = clientSocketSndBufSize;
    }

    public int getClientSocketRcvBufSize() {
        return clientSocketRcvBufSize;
    }

    public void setClientSocketRcvBufSize(int clientSocketRcvBufSize) {
        this.clientSocketRcvBufSize = clientSocketRcvBufSize;
    }

    public boolean isClientPooledByteBufAllocatorEnable() {
        return clientPooledByteBufAllocatorEnable;
    }

    public void setClientPooledByteBufAllocatorEnable(boolean clientPooledByteBufAllocatorEnable) {
        this.clientPooledByteBufAllocatorEnable = clientPooledByteBufAllocatorEnable;
    }

    public boolean isClientCloseSocketIfTimeout() {
        return clientCloseSocketIfTimeout;
    }

    public void setClientCloseSocketIfTimeout(boolean clientCloseSocketIfTimeout) {
        this.clientCloseSocketIfTimeout = clientCloseSocketIfTimeout;
    }

    public TlsConfig getTls() {
        return tls;
    }

    public void setTls(TlsConfig tls) {
        this.tls = tls;
    }

    public boolean isUseTLS() {
        return useTLS;
    }

    public void setUseTLS(boolean useTLS) {
        this.useTLS = useTLS;
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

    public int getFrameMaxLength() {
        return frameMaxLength;
    }

    public void setFrameMaxLength(int frameMaxLength) {
        this.frameMaxLength = frameMaxLength;
    }
}
