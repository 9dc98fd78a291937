package io.tidemq.remoting.protocol;

import io.tidemq.remoting.exception.RemotingCommandException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The ROCKETMQ binary command header (serialize type 1), big-endian:
 * {@code short code, byte language, short version, int opaque, int flag, int remarkLen, remark,
 * int extLen, {short keyLen, key, int valLen, value}*}. Strings are UTF-8; an empty remark or extFields map is
 * written as length 0 and read back as null; entries with a null key or value are skipped.
 *
 * <p>Thread-safe (stateless).
 */
public final class RocketMqHeaderCodec {
    /** code, language, version, opaque, flag, remarkLen, extLen. */
    private static final int FIXED_LENGTH = 2 + 1 + 2 + 4 + 4 + 4 + 4;

    private RocketMqHeaderCodec() {
    }

    /** Encodes the header of {@code cmd} into a new array. */
    public static byte[] encode(RemotingCommand cmd) {
        HeaderWriter w = new HeaderWriter(128);
        encode(cmd, w);
        return w.toByteArray();
    }

    /** Appends the header of {@code cmd} to {@code w}. */
    public static void encode(RemotingCommand cmd, HeaderWriter w) {
        w.putShort(cmd.getCode());
        LanguageCode language = cmd.getLanguage();
        w.put(language == null ? LanguageCode.OTHER.code() : language.code());
        w.putShort(cmd.getVersion());
        w.putInt(cmd.getOpaque());
        w.putInt(cmd.getFlag());
        String remark = cmd.getRemark();
        int lengthAt = w.position();
        w.putInt(0);
        if (remark != null && !remark.isEmpty()) {
            w.setInt(lengthAt, w.putUtf8(remark));
        }
        lengthAt = w.position();
        w.putInt(0);
        Map<String, String> ext = cmd.getExtFields();
        if (ext != null && !ext.isEmpty()) {
            int from = w.position();
            for (Map.Entry<String, String> e : ext.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    continue;
                }
                int keyAt = w.position();
                w.putShort(0);
                int keyLen = w.putUtf8(e.getKey());
                if (keyLen > 0xFFFF) {
                    throw new IllegalArgumentException("extFields key longer than 65535 bytes");
                }
                w.setShort(keyAt, keyLen);
                int valueAt = w.position();
                w.putInt(0);
                w.setInt(valueAt, w.putUtf8(e.getValue()));
            }
            w.setInt(lengthAt, w.position() - from);
        }
    }

    /** Decodes a whole binary header. */
    public static RemotingCommand decode(byte[] data) throws RemotingCommandException {
        return decode(data, 0, data.length);
    }

    /**
     * Decodes the binary header in {@code data[offset, offset+length)}; the command's serialize type is ROCKETMQ.
     * Lengths that are negative or run past the header are a {@link RemotingCommandException}.
     */
    public static RemotingCommand decode(byte[] data, int offset, int length) throws RemotingCommandException {
        int end = offset + length;
        if (length < FIXED_LENGTH) {
            throw new RemotingCommandException("ROCKETMQ header too short: " + length + " bytes");
        }
        int p = offset;
        RemotingCommand cmd = new RemotingCommand();
        cmd.setSerializeType(SerializeType.ROCKETMQ);
        cmd.setCode(getShort(data, p));
        cmd.setLanguage(LanguageCode.fromCode(data[p + 2]));
        cmd.setVersion(getShort(data, p + 3));
        cmd.setOpaque(getInt(data, p + 5));
        cmd.setFlag(getInt(data, p + 9));
        p += 13;
        int remarkLen = getInt(data, p);
        p += 4;
        checkLength("remark", remarkLen, p, end);
        if (remarkLen > 0) {
            cmd.setRemark(new String(data, p, remarkLen, StandardCharsets.UTF_8));
            p += remarkLen;
        } else {
            cmd.setRemark(null);
        }
        checkLength("extFields length", 4, p, end);
        int extLen = getInt(data, p);
        p += 4;
        checkLength("extFields", extLen, p, end);
        if (extLen > 0) {
            cmd.setExtFields(readExtFields(data, p, p + extLen));
        }
        return cmd;
    }

    private static Map<String, String> readExtFields(byte[] data, int p, int end) throws RemotingCommandException {
        Map<String, String> map = new HashMap<>();
        while (p < end) {
            checkLength("extFields key length", 2, p, end);
            int keyLen = getShort(data, p) & 0xFFFF;
            p += 2;
            checkLength("extFields key", keyLen, p, end);
            String key = new String(data, p, keyLen, StandardCharsets.UTF_8);
            p += keyLen;
            checkLength("extFields value length", 4, p, end);
            int valueLen = getInt(data, p);
            p += 4;
            checkLength("extFields value", valueLen, p, end);
            map.put(key, new String(data, p, valueLen, StandardCharsets.UTF_8));
            p += valueLen;
        }
        return map;
    }

    private static void checkLength(String what, int len, int at, int end) throws RemotingCommandException {
        if (len < 0 || len > end - at) {
            throw new RemotingCommandException("malformed ROCKETMQ header: " + what + " " + len + " exceeds the "
                    + (end - at) + " bytes left");
        }
    }

    private static short getShort(byte[] b, int p) {
        return (short) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
    }

    private static int getInt(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
