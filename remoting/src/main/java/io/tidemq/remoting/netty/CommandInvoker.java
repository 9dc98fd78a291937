package io.tidemq.remoting.netty;

import io.netty.channel.Channel;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.exception.RemotingConnectException;
import io.tidemq.remoting.exception.RemotingException;
import io.tidemq.remoting.exception.RemotingSendRequestException;
import io.tidemq.remoting.exception.RemotingTimeoutException;
import io.tidemq.remoting.exception.RemotingTooMuchRequestException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests on a given channel: synchronously (wait for the response), asynchronously (callback) or oneway
 * (no response). Async and oneway calls are bounded by semaphores so a slow peer cannot make us queue without
 * limit. Shared by the client and the server (for server-initiated requests).
 *
 * <p>Thread-safe.
 */
final class CommandInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(CommandInvoker.class);

    private final ResponseTable responses;
    private final Semaphore onewayPermits;
    private final Semaphore asyncPermits;

    CommandInvoker(ResponseTable responses, int onewayPermits, int asyncPermits) {
        this.responses = responses;
        this.onewayPermits = new Semaphore(Math.max(1, onewayPermits), true);
        this.asyncPermits = new Semaphore(Math.max(1, asyncPermits), true);
    }

    RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        String addr = NettyRemoteChannel.addressOf(channel);
        ResponseFuture f = new ResponseFuture(request.getOpaque(), channel, timeoutMillis, null, null);
        responses.put(f);
        write(channel, request, f, addr);
        try {
            if (!f.await(timeoutMillis)) {
                RemotingTimeoutException timeout = new RemotingTimeoutException("no response from " + addr
                        + " within " + timeoutMillis + " ms (code " + request.getCode() + ", opaque "
                        + request.getOpaque() + ")");
                if (f.fail(timeout)) {
                    responses.remove(f);
                    throw timeout;
                }
                f.awaitClaimed();
            }
        } catch (InterruptedException e) {
            responses.remove(f);
            f.fail(e);
            throw e;
        }
        if (f.response() != null) {
            return f.response();
        }
        throw rethrowable(f.cause(), addr);
    }

    void invokeAsync(Channel channel, RemotingCommand request, long timeoutMillis, InvokeCallback callback)
            throws InterruptedException, RemotingException {
        long begin = System.nanoTime();
        if (!asyncPermits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new RemotingTooMuchRequestException("too many async requests in flight; no permit within "
                    + timeoutMillis + " ms");
        }
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        if (left <= 0) {
            asyncPermits.release();
            throw new RemotingTimeoutException("async request timed out waiting for a permit (" + timeoutMillis
                    + " ms)");
        }
        ResponseFuture f = new ResponseFuture(request.getOpaque(), channel, left, callback, asyncPermits);
        responses.put(f);
        write(channel, request, f, NettyRemoteChannel.addressOf(channel));
    }

    void invokeOneway(Channel channel, RemotingCommand request, long timeoutMillis)
            throws InterruptedException, RemotingException {
        request.markOneway();
        if (!onewayPermits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new RemotingTooMuchRequestException("too many oneway requests in flight; no permit within "
                    + timeoutMillis + " ms");
        }
        try {
            channel.writeAndFlush(request).addListener(w -> {
                onewayPermits.release();
                if (!w.isSuccess()) {
                    LOG.warn("oneway {} to {} failed: {}", request, NettyRemoteChannel.addressOf(channel),
                            String.valueOf(w.cause()));
                }
            });
        } catch (RuntimeException e) {
            onewayPermits.release();
            throw new RemotingSendRequestException("send oneway request to "
                    + NettyRemoteChannel.addressOf(channel) + " failed", e);
        }
    }

    private void write(Channel channel, RemotingCommand request, ResponseFuture f, String addr) {
        try {
            channel.writeAndFlush(request).addListener(w -> {
                if (!w.isSuccess()) {
                    responses.fail(f, new RemotingSendRequestException("send request to " + addr + " failed",
                            w.cause()));
                }
            });
        } catch (RuntimeException e) {
            responses.fail(f, new RemotingSendRequestException("send request to " + addr + " failed", e));
        }
    }

    /** A fresh exception for the calling thread (the stored one carries an I/O thread's stack). */
    private static RemotingException rethrowable(Throwable cause, String addr) {
        if (cause instanceof RemotingConnectException c) {
            return new RemotingConnectException(c.getMessage(), c);
        }
        if (cause instanceof RemotingSendRequestException s) {
            return new RemotingSendRequestException(s.getMessage(), s.getCause());
        }
        if (cause instanceof RemotingException r) {
            return r;
        }
        return new RemotingSendRequestException("request to " + addr + " failed", cause);
    }
}
