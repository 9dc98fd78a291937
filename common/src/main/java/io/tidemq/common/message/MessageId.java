package io.tidemq.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The offset message id (protocol.md 6.4): store host IP (4 or 16 bytes) + port (int) + commit-log offset (long),
 * as uppercase hex — 32 characters for IPv4, 56 for IPv6. Thread-safe (stateless).
 */
public final class MessageId {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A decoded offset id. */
    public record OffsetId(InetSocketAddress address, long offset) {
    }

    private MessageId() {
    }

    public static String createOffsetId(InetSocketAddress storeHost, long offset) {
        return createOffsetId(storeHost.getAddress().getAddress(), storeHost.getPort(), offset);
    }

    public static String createOffsetId(byte[] ip, int port, long offset) {
        StringBuilder sb = new StringBuilder(ip.length * 2 + 24);
        appendHostHex(sb, ip, port);
        appendHex(sb, offset);
        return sb.toString();
    }

    /** Appends the host part (IP + port) of an offset id; callers may cache it per host and add offsets after it. */
    public static void appendHostHex(StringBuilder sb, byte[] ip, int port) {
        for (byte b : ip) {
            sb.append(HEX[(b >>> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        for (int shift = 28; shift >= 0; shift -= 4) {
            sb.append(HEX[(port >>> shift) & 0xF]);
        }
    }

    /** Appends a long as 16 uppercase hex digits (the offset part of an offset id). */
    public static void appendHex(StringBuilder sb, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(HEX[(int) (value >>> shift) & 0xF]);
        }
    }

    /**
     * Decodes an offset id: 32 hex characters mean IPv4, 56 mean IPv6.
     *
     * @throws IllegalArgumentException when the id has another length or a non-hex character
     */
    public static OffsetId decodeOffsetId(String msgId) {
        if (msgId == null || (msgId.length() != 32 && msgId.length() != 56)) {
            throw new IllegalArgumentException("not an offset message id (32 or 56 hex characters): " + msgId);
        }
        int ipLen = msgId.length() == 32 ? 4 : 16;
        byte[] ip = new byte[ipLen];
        for (int i = 0; i < ipLen; i++) {
            ip[i] = (byte) parseHex(msgId, i * 2, 2);
        }
        int port = (int) parseHex(msgId, ipLen * 2, 8);
        long offset = parseHex(msgId, ipLen * 2 + 8, 16);
        try {
            return new OffsetId(new InetSocketAddress(InetAddress.getByAddress(ip), port), offset);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad address in offset message id " + msgId, e);
        }
    }

    private static long parseHex(String s, int from, int len) {
        long v = 0;
        for (int i = from; i < from + len; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                throw new IllegalArgumentException("not a hex character at " + i + " in message id " + s);
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
