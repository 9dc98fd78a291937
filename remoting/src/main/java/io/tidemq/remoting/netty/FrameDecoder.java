package io.tidemq.remoting.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Cuts the inbound byte stream into frames and decodes each into a {@code RemotingCommand}. A frame longer than
 * the configured maximum, or one that does not decode, closes the connection without any response (the official
 * peers do the same); nothing after it on that connection is read.
 *
 * <p>With a {@link RequestBytesBudget} (servers), each frame is counted against it before its body is buffered. A
 * request that does not fit is refused without being held: its header is decoded (for the opaque), a
 * {@link RefusedRequest} goes down the pipeline to be answered as busy, and its body bytes are discarded as they
 * arrive. Responses are always admitted.
 *
 * <p>One instance per channel.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int PREFIX = RemotingFrames.LENGTH_FIELD_SIZE + 4;

    private final int frameMaxLength;
    private final RequestBytesBudget budget;
    /** Servers leave request bodies in the read buffer for the dispatcher to release (see RemotingFrames). */
    private final boolean keepRequestBodies;
    private boolean broken;
    /** Budget bytes held for the frame being received, handed to its command once decoded. */
    private int reserved;
    /** Total length of a frame the budget refused, while its header is awaited; -1: none. */
    private int refusing = -1;
    /** Body bytes of a refused frame still to be discarded. */
    private long discarding;

    /** @param frameMaxLength largest frame accepted, counting the 4-byte length field */
    FrameDecoder(int frameMaxLength) {
        this(frameMaxLength, null, false);
    }

    /**
     * @param budget            what request frames are counted against, or null to count nothing
     * @param keepRequestBodies true on servers, whose dispatcher settles every request it is handed
     */
    FrameDecoder(int frameMaxLength, RequestBytesBudget budget, boolean keepRequestBodies) {
        this.frameMaxLength = frameMaxLength;
        this.budget = budget;
        this.keepRequestBodies = keepRequestBodies;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (discarding > 0) {
            int n = (int) Math.min(discarding, in.readableBytes());
            in.skipBytes(n);
            discarding -= n;
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
        if (budget != null && reserved == 0 && refusing < 0) {
            if (budget.tryReserve(totalLength)) {
                reserved = totalLength;
            } else {
                refusing = totalLength;
            }
        }
        if (refusing >= 0 && !refuse(ctx, in, out)) {
            return;
        }
        if (in.readableBytes() < RemotingFrames.LENGTH_FIELD_SIZE + totalLength) {
            return;
        }
        ByteBuf frame = in.slice(in.readerIndex() + RemotingFrames.LENGTH_FIELD_SIZE, totalLength);
        try {
            RemotingCommand cmd = RemotingFrames.decode(frame, keepRequestBodies);
            cmd.setInboundBytes(reserved);
            reserved = 0;
            out.add(cmd);
            in.skipBytes(RemotingFrames.LENGTH_FIELD_SIZE + totalLength);
        } catch (RemotingCommandException | RuntimeException e) {
            reject(ctx, in, e.getMessage());
        }
    }

    /**
     * Once the refused frame's header is in: a response is admitted after all (true: decode it normally); a request
     * becomes a {@link RefusedRequest} and its body is discarded (false).
     */
    private boolean refuse(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < PREFIX) {
            return false;
        }
        int totalLength = refusing;
        int headerLength = in.getInt(in.readerIndex() + RemotingFrames.LENGTH_FIELD_SIZE)
                & RemotingFrames.MAX_HEADER_LENGTH;
        if (4L + headerLength > totalLength) {
            reject(ctx, in, "header length " + headerLength + " exceeds the frame length " + totalLength);
            return false;
        }
        if (in.readableBytes() < PREFIX + headerLength) {
            return false;
        }
        RemotingCommand header;
        try {
            header = RemotingFrames.decode(in.slice(in.readerIndex() + RemotingFrames.LENGTH_FIELD_SIZE,
                    4 + headerLength));
        } catch (RemotingCommandException | RuntimeException e) {
            reject(ctx, in, e.getMessage());
            return false;
        }
        refusing = -1;
        if (header.isResponse()) {
            budget.reserve(totalLength);
            reserved = totalLength;
            return true;
        }
        out.add(new RefusedRequest(header, "[OVERLOAD] the server holds " + mib(budget.used())
                + " MiB of requests, the most it takes at once is " + mib(budget.limit()) + " MiB "
                + "(serverRequestBytesInFlightLimit); this request of " + mib(totalLength)
                + " MiB is refused unread, retry later"));
        in.skipBytes(PREFIX + headerLength);
        discarding = totalLength - 4L - headerLength;
        return false;
    }

    private static String mib(long bytes) {
        return String.format("%.1f", bytes / (1024.0 * 1024.0));
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        // the connection went away in the middle of a counted frame
        if (budget != null) {
            budget.release(reserved);
        }
        reserved = 0;
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in, String why) {
        broken = true;
        in.skipBytes(in.readableBytes());
        LOG.warn("closing connection {}: bad frame: {}", NettyRemoteChannel.addressOf(ctx.channel()), why);
        ctx.close();
    }

    /** A request the budget turned away: its header only (no body), and the remark to answer it with. */
    record RefusedRequest(RemotingCommand header, String reason) {
    }
}
