package io.tidemq.remoting.protocol;

import io.tidemq.remoting.exception.RemotingCommandException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lexical layer of the JSON header decoder: a cursor over the frame's bytes that reads strings (quoted either
 * way, with escapes), numbers, literals and punctuation, and skips values it has no use for, without building a
 * tree. Errors name the byte offset in the header.
 */
abstract class JsonScanner {
    /** Deeper nesting in an unknown member is treated as garbage rather than risking the stack. */
    private static final int MAX_DEPTH = 64;
    /** Value of an ASCII hex digit, -1 for other chars. */
    private static final int[] HEX_VALUE = new int[128];

    static {
        Arrays.fill(HEX_VALUE, -1);
        for (int i = 0; i < 16; i++) {
            HEX_VALUE["0123456789abcdef".charAt(i)] = i;
            HEX_VALUE["0123456789ABCDEF".charAt(i)] = i;
        }
    }

    final byte[] b;
    final int start;
    final int end;
    int p;
    /** Scratch for strings with escapes, taken from {@link #SCRATCH} on first use. */
    private char[] chars;

    /**
     * One scratch per thread: every request of a 4.9 producer carries a properties string with escaped separators,
     * and a fresh char[] per header was a tenth of the send path's garbage. Larger ones are not kept.
     */
    private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[512]);
    private static final int MAX_KEPT_SCRATCH = 16 * 1024;

    JsonScanner(byte[] data, int offset, int end) {
        this.b = data;
        this.start = offset;
        this.p = offset;
        this.end = end;
    }

    /**
     * Reads an extFields key. The same few dozen header field names arrive in every request, so short plain ASCII
     * keys come from {@link KeyCache} instead of being built again each time.
     */
    String readKey() throws RemotingCommandException {
        byte q = b[p];
        int from = p + 1;
        int i = from;
        int high = 0;
        while (i < end && b[i] != q && b[i] != '\\') {
            high |= b[i];
            i++;
        }
        if (i < end && b[i] == q && high >= 0) {
            p = i + 1;
            return KeyCache.get(b, from, i - from);
        }
        return readString();
    }

    /**
     * For the quoted string at the current position: the index of its closing quote when no escape comes before
     * it, else -1. Does not move.
     */
    int plainStringEnd() {
        byte q = b[p];
        int i = p + 1;
        while (i < end && b[i] != q && b[i] != '\\') {
            i++;
        }
        return i < end && b[i] == q ? i : -1;
    }

    /** A string, number or boolean, as text. */
    String readScalarAsString() throws RemotingCommandException {
        int c = peekAfterWhitespace();
        if (c == '"' || c == '\'') {
            return readString();
        }
        if (c == 't' && matchLiteral("true")) {
            return "true";
        }
        if (c == 'f' && matchLiteral("false")) {
            return "false";
        }
        int from = p;
        skipNumber();
        return new String(b, from, p - from, StandardCharsets.ISO_8859_1);
    }

    /** An int given as a JSON number or as a string holding one. */
    int readInt() throws RemotingCommandException {
        int c = peekAfterWhitespace();
        if (c == '"' || c == '\'') {
            String s = readString().trim();
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw error("expected an int, found \"" + s + "\"");
            }
        }
        int from = p;
        boolean negative = c == '-';
        if (negative) {
            p++;
        }
        long v = 0;
        int digits = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            v = v * 10 + (b[p++] - '0');
            if (++digits > 10) {
                throw error("int out of range");
            }
        }
        if (digits == 0) {
            throw error("expected a number");
        }
        if (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
            p = from;
            skipNumber();
            try {
                return (int) Double.parseDouble(new String(b, from, p - from, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                throw error("bad number");
            }
        }
        v = negative ? -v : v;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("int out of range");
        }
        return (int) v;
    }

    void skipNumber() throws RemotingCommandException {
        int from = p;
        while (p < end) {
            byte c = b[p];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                p++;
            } else {
                break;
            }
        }
        if (p == from) {
            throw error("expected a value");
        }
    }

    /** Reads a quoted string (double or single quotes) at the current position. */
    String readString() throws RemotingCommandException {
        byte q = b[p];
        int from = ++p;
        int i = from;
        int high = 0;
        while (i < end) {
            byte c = b[i];
            if (c == q) {
                p = i + 1;
                return new String(b, from, i - from,
                        high < 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }
            if (c == '\\') {
                return readEscapedString(q, from, i, high);
            }
            high |= c;
            i++;
        }
        throw error("unterminated string");
    }

    /** Slow path of {@link #readString}: {@code esc} is the first backslash, {@code high} < 0 if a byte before it was non-ASCII. */
    private String readEscapedString(byte q, int from, int esc, int high) throws RemotingCommandException {
        // Every char of the result comes from at least one byte, so the string's raw length bounds its length.
        char[] out = scratch(rawLength(q, esc) + (esc - from));
        int n = appendRun(out, 0, from, esc, high < 0);
        int i = esc;
        while (true) {
            if (i >= end) {
                throw error("unterminated string");
            }
            byte c = b[i];
            if (c == q) {
                p = i + 1;
                return new String(out, 0, n);
            }
            if (c == '\\') {
                out[n++] = (char) unescape(i);
                i += escapeLength(b[i + 1]);
                continue;
            }
            int run = i;
            int runHigh = 0;
            while (i < end && b[i] != q && b[i] != '\\') {
                runHigh |= b[i];
                i++;
            }
            n = appendRun(out, n, run, i, runHigh < 0);
        }
    }

    /** Bytes from {@code i} up to the closing quote, escapes included (or to the end if unterminated). */
    private int rawLength(byte q, int i) {
        int k = i;
        while (k < end && b[k] != q) {
            k += b[k] == '\\' ? 2 : 1;
        }
        return Math.min(k, end) - i;
    }

    private char[] scratch(int size) {
        if (chars == null || chars.length < size) {
            char[] c = SCRATCH.get();
            if (c.length < size) {
                c = new char[size];
                if (size <= MAX_KEPT_SCRATCH) {
                    SCRATCH.set(c);
                }
            }
            chars = c;
        }
        return chars;
    }

    /**
     * Appends the raw bytes {@code [from, to)} as chars. UTF-8 continuation bytes are >= 0x80, so cutting runs at a
     * quote or backslash never splits a character; runs with non-ASCII bytes go through the JDK decoder so malformed
     * bytes are replaced exactly as on the fast path.
     */
    private int appendRun(char[] out, int n, int from, int to, boolean nonAscii) {
        if (nonAscii) {
            String s = new String(b, from, to - from, StandardCharsets.UTF_8);
            s.getChars(0, s.length(), out, n);
            return n + s.length();
        }
        for (int k = from; k < to; k++) {
            out[n++] = (char) b[k];
        }
        return n;
    }

    private int hex(int at, int digits) throws RemotingCommandException {
        if (at + digits > end) {
            throw errorAt(at, "truncated escape");
        }
        int v = 0;
        for (int k = 0; k < digits; k++) {
            byte c = b[at + k];
            int d = c >= 0 ? HEX_VALUE[c] : -1;
            if (d < 0) {
                throw errorAt(at + k, "bad hex digit in escape");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /**
     * Moves past a quoted string without building it, refusing exactly what {@link #readString} refuses (an
     * unterminated string or escape, an unknown escape, bad hex digits), with the same messages.
     */
    void checkString() throws RemotingCommandException {
        byte q = b[p];
        int i = ++p;
        while (true) {
            if (i >= end) {
                throw error("unterminated string");
            }
            byte c = b[i];
            if (c == q) {
                p = i + 1;
                return;
            }
            if (c != '\\') {
                i++;
                continue;
            }
            unescape(i);
            i += escapeLength(b[i + 1]);
        }
    }

    /**
     * The char the escape whose backslash is at {@code i} stands for; refuses an escape cut off by the end, an
     * unknown one, and bad hex digits. {@link #escapeLength} says where it ends.
     */
    private int unescape(int i) throws RemotingCommandException {
        if (i + 1 >= end) {
            throw error("unterminated escape");
        }
        byte e = b[i + 1];
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case '\'' -> '\'';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> hex(i + 2, 4);
            case 'x' -> hex(i + 2, 2);
            default -> throw errorAt(i + 1, "bad escape \\" + (char) e);
        };
    }

    /** Bytes taken by a (valid) escape whose letter is {@code e}, backslash included. */
    private static int escapeLength(byte e) {
        return e == 'u' ? 6 : e == 'x' ? 4 : 2;
    }

    /** Moves past what {@link #readScalarAsString} reads, refusing what it refuses. */
    void checkScalar() throws RemotingCommandException {
        int c = peekAfterWhitespace();
        if (c == '"' || c == '\'') {
            checkString();
        } else if (!(c == 't' && matchLiteral("true")) && !(c == 'f' && matchLiteral("false"))) {
            skipNumber();
        }
    }

    /** Skips a quoted string without building it. */
    private void skipString() throws RemotingCommandException {
        byte q = b[p];
        int i = p + 1;
        while (i < end) {
            byte c = b[i];
            if (c == q) {
                p = i + 1;
                return;
            }
            i += c == '\\' ? 2 : 1;
        }
        throw error("unterminated string");
    }

    /** Skips any JSON value. */
    void skipValue(int depth) throws RemotingCommandException {
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        int c = peekAfterWhitespace();
        switch (c) {
            case '"', '\'' -> skipString();
            case '{' -> {
                p++;
                if (peekAfterWhitespace() == '}') {
                    p++;
                    return;
                }
                do {
                    int q = peekAfterWhitespace();
                    if (q != '"' && q != '\'') {
                        throw error("expected a quoted member name");
                    }
                    skipString();
                    expectAfterWhitespace(':');
                    skipValue(depth + 1);
                } while (commaOrEnd('}'));
            }
            case '[' -> {
                p++;
                if (peekAfterWhitespace() == ']') {
                    p++;
                    return;
                }
                do {
                    skipValue(depth + 1);
                } while (commaOrEnd(']'));
            }
            case 't' -> requireLiteral("true");
            case 'f' -> requireLiteral("false");
            case 'n' -> requireLiteral("null");
            default -> skipNumber();
        }
    }

    /** Consumes {@code null} if it is next. */
    boolean skipNull() {
        return peekAfterWhitespace() == 'n' && matchLiteral("null");
    }

    /** Consumes {@code word} if the bytes at the current position are exactly it. */
    boolean matchLiteral(String word) {
        int n = word.length();
        if (p + n > end) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[p + k] != word.charAt(k)) {
                return false;
            }
        }
        p += n;
        return true;
    }

    private void requireLiteral(String word) throws RemotingCommandException {
        if (!matchLiteral(word)) {
            throw error("expected " + word);
        }
    }

    /** After a member or element: true on a comma (more follow), false on the closing bracket. */
    boolean commaOrEnd(char close) throws RemotingCommandException {
        int c = peekAfterWhitespace();
        if (c == ',') {
            p++;
            return true;
        }
        if (c == close) {
            p++;
            return false;
        }
        throw error("expected ',' or '" + close + "'");
    }

    void expectAfterWhitespace(char c) throws RemotingCommandException {
        if (peekAfterWhitespace() != c) {
            throw error("expected '" + c + "'");
        }
        p++;
    }

    /** Skips whitespace and returns the next byte without consuming it, or -1 at the end. */
    int peekAfterWhitespace() {
        while (p < end) {
            byte c = b[p];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                p++;
            } else {
                return c;
            }
        }
        return -1;
    }

    RemotingCommandException error(String what) {
        return errorAt(p, what);
    }

    private RemotingCommandException errorAt(int at, String what) {
        return new RemotingCommandException("malformed JSON header at byte " + (at - start) + ": " + what);
    }
}
