package io.tidemq.remoting.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * First handler of a server connection: tells a TLS client from a plain one by the first byte, as Apache does (a
 * TLS handshake record starts with 0x16, which as the first byte of a plain frame's length would mean a frame of
 * more than 300 MB), then puts an SslHandler in its place or steps aside, or closes the connection when the server's
 * mode does not allow that kind of client. While the server's SSL context is still being made (on the first TLS
 * client), reading pauses; the bytes already read go to the SslHandler.
 */
final class TlsDetector extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TlsDetector.class);
    private static final byte HANDSHAKE = 0x16;

    private final TlsConfig.Mode mode;
    private final TlsContexts contexts;
    private boolean waiting;

    TlsDetector(TlsConfig.Mode mode, TlsContexts contexts) {
        this.mode = mode;
        this.contexts = contexts;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (waiting || in.readableBytes() < 1) {
            return;
        }
        boolean tls = in.getByte(in.readerIndex()) == HANDSHAKE;
        String peer = NettyRemoteChannel.format(ctx.channel().remoteAddress());
        if (!tls) {
            if (mode == TlsConfig.Mode.ENFORCING) {
                LOG.warn("closing plain connection from {}: tls.server.mode=enforcing accepts TLS only", peer);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
            return;
        }
        if (mode == TlsConfig.Mode.DISABLED) {
            LOG.warn("closing TLS connection from {}: tls.server.mode=disabled accepts plain connections only", peer);
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        waiting = true;
        ctx.channel().config().setAutoRead(false);
        contexts.server().whenComplete((ssl, error) -> ctx.executor().execute(() -> secure(ctx, ssl, error, peer)));
    }

    private void secure(ChannelHandlerContext ctx, SslContext ssl, Throwable error, String peer) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (error != null) {
            LOG.warn("closing TLS connection from {}: {}", peer, error.getMessage());
            ctx.close();
            return;
        }
        // replacing this decoder hands the bytes it holds to the SslHandler
        ctx.pipeline().replace(this, "ssl", ssl.newHandler(ctx.alloc()));
        ctx.channel().config().setAutoRead(true);
    }
}
