package io.tidemq.remoting.protocol;

/** How a command header is serialized: the high byte of the frame's second int. */
public enum SerializeType {
    JSON((byte) 0), ROCKETMQ((byte) 1);

    private final byte code;

    SerializeType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** Returns the type for a frame byte, or null if the byte names no known type. */
    public static SerializeType fromCode(byte code) {
        return switch (code) {
            case 0 -> JSON;
            case 1 -> ROCKETMQ;
            default -> null;
        };
    }
}
