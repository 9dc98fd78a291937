package io.tidemq.remoting.protocol;

import io.tidemq.remoting.exception.RemotingCommandException;

/** Picks the header codec for a serialize type: JSON ({@link JsonHeaderCodec}) or ROCKETMQ ({@link RocketMqHeaderCodec}). */
public final class HeaderSerializer {
    private HeaderSerializer() {
    }

    /** Appends the header of {@code cmd} in the command's own serialize type (JSON when unset). */
    public static void encode(RemotingCommand cmd, HeaderWriter w) {
        if (cmd.getSerializeType() == SerializeType.ROCKETMQ) {
            RocketMqHeaderCodec.encode(cmd, w);
        } else {
            JsonHeaderCodec.encode(cmd, w);
        }
    }

    /** Decodes a header of the given type found in {@code data[offset, offset+length)}. */
    public static RemotingCommand decode(SerializeType type, byte[] data, int offset, int length)
            throws RemotingCommandException {
        return switch (type) {
            case JSON -> JsonHeaderCodec.decode(data, offset, length);
            case ROCKETMQ -> RocketMqHeaderCodec.decode(data, offset, length);
        };
    }
}
