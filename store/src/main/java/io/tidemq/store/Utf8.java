package io.tidemq.store;

import java.nio.ByteBuffer;

/**
 * Allocation-free UTF-8 length, encoding and validation for the append and recovery paths. Encoding matches
 * {@code String.getBytes(UTF_8)}, including '?' for an unpaired surrogate, so stored bytes are always valid UTF-8.
 */
final class Utf8 {
    private Utf8() {
    }

    static int length(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                len += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 2;
                i++;
            } else if (!Character.isSurrogate(c)) {
                len += 2;
            }
        }
        return len;
    }

    /** Writes {@code s} at absolute position {@code pos}; returns the position after it. */
    static int encode(String s, ByteBuffer buf, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf.put(pos++, (byte) c);
            } else if (c < 0x800) {
                buf.put(pos++, (byte) (0xC0 | (c >> 6)));
                buf.put(pos++, (byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf.put(pos++, (byte) (0xF0 | (cp >> 18)));
                buf.put(pos++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
                buf.put(pos++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
                buf.put(pos++, (byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                buf.put(pos++, (byte) '?');
            } else {
                buf.put(pos++, (byte) (0xE0 | (c >> 12)));
                buf.put(pos++, (byte) (0x80 | ((c >> 6) & 0x3F)));
                buf.put(pos++, (byte) (0x80 | (c & 0x3F)));
            }
        }
        return pos;
    }

    /** True when {@code [pos, pos+len)} is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF). */
    static boolean isValid(ByteBuffer buf, int pos, int len) {
        int end = pos + len;
        int i = pos;
        while (i < end) {
            int b = buf.get(i) & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            int cp;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = 0x800;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = 0x10000;
                cp = b & 0x07;
            } else {
                return false;
            }
            if (i + need >= end) {
                return false;
            }
            for (int k = 1; k <= need; k++) {
                int cb = buf.get(i + k) & 0xFF;
                if ((cb & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cb & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }
}
