package io.tidemq.remoting.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Shares the String objects of extFields keys between decoded headers. Keys are a small, fixed vocabulary (header
 * field names), so a direct-mapped table hit saves an allocation per key; a miss just replaces the slot.
 *
 * <p>Thread-safe without locks: slots hold immutable Strings, and a lost race only costs a cache miss.
 */
final class KeyCache {
    private static final int MAX_KEY_LENGTH = 32;
    private static final int SLOTS = 1024;
    private static final String[] TABLE = new String[SLOTS];

    private KeyCache() {
    }

    /** The key in ASCII bytes {@code b[from, from+len)}. */
    static String get(byte[] b, int from, int len) {
        if (len > MAX_KEY_LENGTH) {
            return new String(b, from, len, StandardCharsets.ISO_8859_1);
        }
        int h = len;
        for (int k = 0; k < len; k++) {
            h = 31 * h + b[from + k];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String cached = TABLE[slot];
        if (cached != null && matches(cached, b, from, len)) {
            return cached;
        }
        String key = new String(b, from, len, StandardCharsets.ISO_8859_1);
        TABLE[slot] = key;
        return key;
    }

    private static boolean matches(String s, byte[] b, int from, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (s.charAt(k) != b[from + k]) {
                return false;
            }
        }
        return true;
    }
}
