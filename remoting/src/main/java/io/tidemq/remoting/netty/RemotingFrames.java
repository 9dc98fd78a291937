package io.tidemq.remoting.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.HeaderSerializer;
import io.tidemq.remoting.protocol.HeaderWriter;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.remoting.protocol.SerializeType;

import java.nio.ByteBuffer;

/**
 * The frame layout: {@code [int totalLength][byte serializeType][3 bytes headerLength][header][body]}, where
 * totalLength counts everything after itself. Stateless helpers shared by the pipeline codecs and tests.
 */
public final class RemotingFrames {
    /** Size of the leading totalLength field. */
    public static final int LENGTH_FIELD_SIZE = 4;
    /** Largest header the 24-bit headerLength can describe. */
    public static final int MAX_HEADER_LENGTH = 0xFFFFFF;

    private RemotingFrames() {
    }

    /**
     * Encodes {@code cmd} as one complete frame. The header is written in the command's serialize type; the body
     * array is copied next to it, the body buffers are wrapped without copying (the result is then a composite).
     * The caller owns the returned buffer.
     */
    public static ByteBuf encode(RemotingCommand cmd, ByteBufAllocator alloc) {
        HeaderWriter w = HeaderWriter.forThread();
        HeaderSerializer.encode(cmd, w);
        int headerLength = w.size();
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header of " + headerLength + " bytes exceeds the 24-bit limit");
        }
        byte[] body = cmd.getBody();
        int arrayLength = body == null ? 0 : body.length;
        long bodyLength = arrayLength;
        ByteBuffer[] buffers = cmd.getBodyBuffers();
        if (buffers != null) {
            for (ByteBuffer b : buffers) {
                bodyLength += b.remaining();
            }
        }
        long totalLength = 4L + headerLength + bodyLength;
        if (totalLength > Integer.MAX_VALUE - LENGTH_FIELD_SIZE) {
            throw new IllegalArgumentException("frame of " + totalLength + " bytes is too large");
        }
        SerializeType type = cmd.getSerializeType() == null ? SerializeType.JSON : cmd.getSerializeType();
        ByteBuf head = alloc.ioBuffer(LENGTH_FIELD_SIZE + 4 + headerLength + arrayLength);
        head.writeInt((int) totalLength);
        head.writeInt((type.code() << 24) | headerLength);
        head.writeBytes(w.array(), 0, headerLength);
        if (arrayLength > 0) {
            head.writeBytes(body);
        }
        if (buffers == null || buffers.length == 0) {
            return head;
        }
        CompositeByteBuf frame = alloc.compositeBuffer(1 + buffers.length);
        frame.addComponent(true, head);
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                frame.addComponent(true, Unpooled.wrappedBuffer(b));
            }
        }
        return frame;
    }

    /**
     * Decodes one frame whose leading totalLength field has already been consumed: {@code frame}'s readable bytes
     * are exactly the frame's remaining {@code totalLength} bytes. Reads them all; copies the header and the body.
     *
     * @throws RemotingCommandException for an unknown serialize type, a header length beyond the frame, or a
     *                                  header that does not parse
     */
    public static RemotingCommand decode(ByteBuf frame) throws RemotingCommandException {
        return decode(frame, false);
    }

    /**
     * As {@link #decode(ByteBuf)}; with {@code keepRequestBody} a request's body is not copied but left in
     * {@code frame}'s buffer, retained, for the server to release when it settles the request (see {@link
     * RemotingCommand#setInboundBody}).
     */
    public static RemotingCommand decode(ByteBuf frame, boolean keepRequestBody) throws RemotingCommandException {
        if (frame.readableBytes() < 4) {
            throw new RemotingCommandException("frame of " + frame.readableBytes() + " bytes has no header length");
        }
        int typeAndLength = frame.readInt();
        SerializeType type = SerializeType.fromCode((byte) (typeAndLength >>> 24));
        if (type == null) {
            throw new RemotingCommandException("unknown serialize type " + (typeAndLength >>> 24));
        }
        int headerLength = typeAndLength & MAX_HEADER_LENGTH;
        if (headerLength > frame.readableBytes()) {
            throw new RemotingCommandException("header length " + headerLength + " exceeds the "
                    + frame.readableBytes() + " bytes left in the frame");
        }
        // a copy the command may keep: a JSON header's extFields are parsed from it later, when asked for
        byte[] header = new byte[headerLength];
        frame.readBytes(header);
        RemotingCommand cmd = HeaderSerializer.decode(type, header, 0, headerLength);
        int bodyLength = frame.readableBytes();
        if (bodyLength > 0 && keepRequestBody && !cmd.isResponse() && frame.nioBufferCount() == 1) {
            ByteBuf kept = frame.readRetainedSlice(bodyLength);
            cmd.setInboundBody(kept.nioBuffer(), kept::release);
        } else if (bodyLength > 0) {
            byte[] body = new byte[bodyLength];
            frame.readBytes(body);
            cmd.setBody(body);
        }
        return cmd;
    }
}
