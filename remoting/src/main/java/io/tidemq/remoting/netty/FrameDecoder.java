package io.tidemq.remoting.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tidemq.remoting.exception.RemotingCommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Cuts the inbound byte stream into frames and decodes each into a {@code RemotingCommand}. A frame longer than
 * the configured maximum, or one that does not decode, closes the connection without any response (the official
 * peers do the same); nothing after it on that connection is read.
 *
 * <p>One instance per channel.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final int frameMaxLength;
    private boolean broken;

    /** @param frameMaxLength largest frame accepted, counting the 4-byte length field */
    FrameDecoder(int frameMaxLength) {
        this.frameMaxLength = frameMaxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < RemotingFrames.LENGTH_FIELD_SIZE) {
            return;
        }
        int totalLength = in.getInt(in.readerIndex());
        if (totalLength < 4 || RemotingFrames.LENGTH_FIELD_SIZE + (long) totalLength > frameMaxLength) {
            reject(ctx, in, "frame length " + totalLength + " outside [4, " + (frameMaxLength - 4) + "]");
            return;
        }
        if (in.readableBytes() < RemotingFrames.LENGTH_FIELD_SIZE + totalLength) {
            return;
        }
        ByteBuf frame = in.slice(in.readerIndex() + RemotingFrames.LENGTH_FIELD_SIZE, totalLength);
        try {
            out.add(RemotingFrames.decode(frame));
            in.skipBytes(RemotingFrames.LENGTH_FIELD_SIZE + totalLength);
        } catch (RemotingCommandException | RuntimeException e) {
            reject(ctx, in, e.getMessage());
        }
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in, String why) {
        broken = true;
        in.skipBytes(in.readableBytes());
        LOG.warn("closing connection {}: bad frame: {}", NettyRemoteChannel.addressOf(ctx.channel()), why);
        ctx.close();
    }
}
