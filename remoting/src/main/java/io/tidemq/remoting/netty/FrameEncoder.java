package io.tidemq.remoting.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an outbound {@code RemotingCommand} into one frame (see {@link RemotingFrames#encode}) and releases the
 * command's zero-copy body once the write has completed or failed.
 *
 * <p>Stateless; one instance is shared by all channels.
 */
@ChannelHandler.Sharable
final class FrameEncoder extends ChannelOutboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameEncoder.class);

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof RemotingCommand cmd)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf frame;
        try {
            frame = RemotingFrames.encode(cmd, ctx.alloc());
        } catch (RuntimeException e) {
            cmd.releaseBody();
            LOG.error("cannot encode {} for {}", cmd, NettyRemoteChannel.addressOf(ctx.channel()), e);
            promise.tryFailure(e);
            return;
        }
        if (cmd.getBodyBuffers() != null) {
            ChannelPromise p = promise.unvoid();
            p.addListener(f -> cmd.releaseBody());
            ctx.write(frame, p);
        } else {
            cmd.releaseBody();
            ctx.write(frame, promise);
        }
    }
}
