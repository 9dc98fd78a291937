package io.tidemq.remoting.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Watches the life of each connection: reports connect / close / exception / idle to the
 * {@link ChannelEventDispatcher}, closes a connection that errs or idles, and tells its owner when one closes.
 * An exception on one connection never reaches any other.
 *
 * <p>Stateless apart from its collaborators; shared by all channels.
 */
@ChannelHandler.Sharable
final class ConnectionEventHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEventHandler.class);

    private final ChannelEventDispatcher events;
    private final Consumer<Channel> onClose;

    ConnectionEventHandler(ChannelEventDispatcher events, Consumer<Channel> onClose) {
        this.events = events;
        this.onClose = onClose;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        LOG.debug("connection {} active", NettyRemoteChannel.addressOf(ctx.channel()));
        events.fire(ChannelEventDispatcher.Type.CONNECT, ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        LOG.debug("connection {} closed", NettyRemoteChannel.addressOf(ctx.channel()));
        try {
            onClose.accept(ctx.channel());
        } catch (RuntimeException e) {
            LOG.warn("close handling of {} failed", NettyRemoteChannel.addressOf(ctx.channel()), e);
        }
        events.fire(ChannelEventDispatcher.Type.CLOSE, ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE) {
            LOG.info("closing idle connection {}", NettyRemoteChannel.addressOf(ctx.channel()));
            events.fire(ChannelEventDispatcher.Type.IDLE, ctx.channel());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String addr = NettyRemoteChannel.addressOf(ctx.channel());
        if (cause instanceof IOException) {
            LOG.info("connection {} failed: {}", addr, cause.toString());
        } else {
            LOG.warn("closing connection {} after an error", addr, cause);
        }
        events.fire(ChannelEventDispatcher.Type.EXCEPTION, ctx.channel());
        ctx.close();
    }
}
