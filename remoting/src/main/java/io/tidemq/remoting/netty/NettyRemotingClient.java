package io.tidemq.remoting.netty;

import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.exception.RemotingException;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.concurrent.ExecutorService;

/** The remoting client: one cached connection per {@code ip:port}, sync/async/oneway calls with timeouts. */
public final class NettyRemotingClient {
    public NettyRemotingClient(NettyClientConfig config, ChannelEventListener listener) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Handles requests the server sends to us (e.g. NOTIFY_CONSUMER_IDS_CHANGED to a client). */
    public void registerProcessor(int code, RequestProcessor processor, ExecutorService executor) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void start() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void shutdown() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public RemotingCommand invokeSync(String addr, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void invokeAsync(String addr, RemotingCommand request, long timeoutMillis, InvokeCallback callback)
            throws InterruptedException, RemotingException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void invokeOneway(String addr, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Closes the cached connection to {@code addr}, if any. */
    public void closeChannel(String addr) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
