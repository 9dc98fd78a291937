package io.tidemq.remoting.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading requests from a connection whose responses pile up unsent (more than writeBufferHighWaterMark
 * queued: the peer does not read them) and reads again once they drain to the low mark. A client that sends pulls
 * and never reads the answers thus holds at most the high mark of responses plus what is in flight, instead of
 * growing the server's outbound queue until the heap runs out; its requests wait in TCP buffers and in the end on its
 * own side.
 */
@ChannelHandler.Sharable
final class OutboundBackpressure extends ChannelInboundHandlerAdapter {
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }
}
