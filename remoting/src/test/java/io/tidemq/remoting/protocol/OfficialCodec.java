package io.tidemq.remoting.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tidemq.remoting.netty.RemotingFrames;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/** Test helpers that move commands between our codec and the official 4.9.3 {@code RemotingCommand}. */
final class OfficialCodec {
    private OfficialCodec() {
    }

    /** Our command encoded as one whole frame (length field included). */
    static byte[] ourFrame(RemotingCommand cmd) {
        ByteBuf buf = RemotingFrames.encode(cmd, UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** Decodes a whole frame with our decoder. */
    static RemotingCommand ourDecode(byte[] frame) throws Exception {
        ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(frame);
        int total = buf.readInt();
        if (total != frame.length - 4) {
            throw new AssertionError("length field " + total + " but frame has " + (frame.length - 4));
        }
        return RemotingFrames.decode(buf);
    }

    /** Decodes a whole frame with the official decoder, which expects the frame without its length field. */
    static org.apache.rocketmq.remoting.protocol.RemotingCommand officialDecode(byte[] frame) throws Exception {
        ByteBuffer bb = ByteBuffer.wrap(frame);
        int total = bb.getInt();
        if (total != frame.length - 4) {
            throw new AssertionError("length field " + total + " but frame has " + (frame.length - 4));
        }
        return org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(bb.slice());
    }

    /** The official encoder's whole frame (its encode() includes the length field). */
    static byte[] officialFrame(org.apache.rocketmq.remoting.protocol.RemotingCommand cmd) {
        ByteBuffer bb = cmd.encode();
        byte[] bytes = new byte[bb.remaining()];
        bb.get(bytes);
        return bytes;
    }

    /**
     * An official command with the same content as ours. The extFields map instance is shared so both sides
     * iterate it in the same order.
     */
    static org.apache.rocketmq.remoting.protocol.RemotingCommand toOfficial(RemotingCommand ours) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand cmd =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(ours.getCode(), null);
        cmd.setLanguage(org.apache.rocketmq.remoting.protocol.LanguageCode.valueOf(ours.getLanguage().code()));
        cmd.setVersion(ours.getVersion());
        cmd.setOpaque(ours.getOpaque());
        cmd.setFlag(ours.getFlag());
        cmd.setRemark(ours.getRemark());
        cmd.setExtFields((HashMap<String, String>) ours.getExtFields());
        cmd.setBody(ours.getBody());
        cmd.setSerializeTypeCurrentRPC(ours.getSerializeType() == SerializeType.ROCKETMQ
                ? org.apache.rocketmq.remoting.protocol.SerializeType.ROCKETMQ
                : org.apache.rocketmq.remoting.protocol.SerializeType.JSON);
        return cmd;
    }

    static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
