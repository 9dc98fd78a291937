package io.tidemq.remoting.netty;

import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.exception.RemotingException;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.concurrent.ExecutorService;

/** The remoting server: accepts connections, decodes frames, dispatches requests to processors by code. */
public final class NettyRemotingServer {
    public NettyRemotingServer(NettyServerConfig config, ChannelEventListener listener) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Routes {@code code} to {@code processor}, run on {@code executor} (the default worker pool if null). */
    public void registerProcessor(int code, RequestProcessor processor, ExecutorService executor) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Handles every code without a processor of its own. Without one, unknown codes get REQUEST_CODE_NOT_SUPPORTED. */
    public void registerDefaultProcessor(RequestProcessor processor, ExecutorService executor) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void registerRpcHook(RpcHook hook) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void start() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void shutdown() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The port actually bound (useful when configured with 0). */
    public int localPort() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Sends a server-initiated request to a connected client and waits for its response. */
    public RemotingCommand invokeSync(RemoteChannel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void invokeAsync(RemoteChannel channel, RemotingCommand request, long timeoutMillis,
                            InvokeCallback callback) throws InterruptedException, RemotingException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void invokeOneway(RemoteChannel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
