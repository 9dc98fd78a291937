package io.tidemq.remoting.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array the header encoders write into. One instance per thread ({@link #forThread()}) keeps the
 * encode path free of allocations; the transport copies the bytes out once per frame.
 *
 * <p>Not thread-safe.
 */
public final class HeaderWriter {
    /** Larger scratch arrays are dropped after use so one huge header does not pin memory in every thread. */
    private static final int RETAINED_CAPACITY = 64 * 1024;
    private static final byte[] ASCII_MIN_INT = Integer.toString(Integer.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<HeaderWriter> PER_THREAD = ThreadLocal.withInitial(() -> new HeaderWriter(1024));

    private byte[] buf;
    private int pos;

    public HeaderWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The calling thread's writer, emptied. */
    public static HeaderWriter forThread() {
        HeaderWriter w = PER_THREAD.get();
        if (w.buf.length > RETAINED_CAPACITY) {
            w.buf = new byte[1024];
        }
        w.pos = 0;
        return w;
    }

    public void reset() {
        pos = 0;
    }

    /** Number of bytes written. */
    public int size() {
        return pos;
    }

    /** The backing array; valid bytes are {@code [0, size())}. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Makes room for {@code n} more bytes. */
    void ensure(int n) {
        int need = pos + n;
        if (need > buf.length) {
            if (need < 0) {
                throw new IllegalStateException("header too large");
            }
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    int position() {
        return pos;
    }

    /** Moves the end to {@code newPos} after the caller wrote directly into {@link #array()}. */
    void skipTo(int newPos) {
        pos = newPos;
    }

    /** Caller must have called {@link #ensure}. */
    void putUnchecked(byte b) {
        buf[pos++] = b;
    }

    void put(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    void putShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void putInt(int v) {
        ensure(4);
        setInt(pos, v);
        pos += 4;
    }

    void setShort(int at, int v) {
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    void setInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** Writes {@code v} in decimal ASCII. */
    void putDecimal(int v) {
        ensure(11);
        if (v < 0) {
            if (v == Integer.MIN_VALUE) {
                put(ASCII_MIN_INT);
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int digits = digitCount(v);
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
    }

    private static int digitCount(int v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /**
     * Writes {@code s} as UTF-8 and returns the number of bytes written. A lone surrogate becomes {@code '?'}, as
     * {@code String.getBytes(UTF_8)} does.
     */
    int putUtf8(String s) {
        int len = s.length();
        ensure(len * 3);
        int start = pos;
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else {
                int cp = s.codePointAt(i);
                if (cp >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                    i++;
                }
                p = putNonAscii(b, p, cp);
            }
        }
        pos = p;
        return p - start;
    }

    /**
     * Writes one code point of at least U+0080 as UTF-8 at {@code p} and returns the next position; a lone surrogate
     * becomes {@code '?'}, as {@code String.getBytes(UTF_8)} does. Shared by the raw UTF-8 and the JSON writers.
     */
    static int putNonAscii(byte[] b, int p, int cp) {
        if (cp < 0x800) {
            b[p++] = (byte) (0xC0 | (cp >> 6));
            b[p++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            b[p++] = '?';
        } else if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            b[p++] = (byte) (0xE0 | (cp >> 12));
            b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            b[p++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            b[p++] = (byte) (0xF0 | (cp >> 18));
            b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            b[p++] = (byte) (0x80 | (cp & 0x3F));
        }
        return p;
    }
}
