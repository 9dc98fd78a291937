package io.tidemq.remoting.protocol;

import io.tidemq.remoting.exception.RemotingCommandException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A one-shot reader of one JSON command header (see {@link JsonHeaderCodec} for what it accepts). Works on the raw
 * UTF-8 bytes: strings without escapes are turned into Java strings in one call, member names are matched without
 * building strings.
 *
 * <p>Not thread-safe; create one per header.
 */
final class JsonHeaderReader extends JsonScanner {

    private static final int UNKNOWN = 0;
    private static final int CODE = 1;
    private static final int EXT_FIELDS = 2;
    private static final int FLAG = 3;
    private static final int LANGUAGE = 4;
    private static final int OPAQUE = 5;
    private static final int REMARK = 6;
    private static final int SERIALIZE_TYPE = 7;
    private static final int VERSION = 8;

    private static final String[] MEMBER_NAMES = {
        null, "code", "extFields", "flag", "language", "opaque", "remark", "serializeTypeCurrentRPC", "version"
    };
    private static final byte[][] MEMBER_BYTES = new byte[MEMBER_NAMES.length][];

    static {
        for (int i = 1; i < MEMBER_NAMES.length; i++) {
            MEMBER_BYTES[i] = MEMBER_NAMES[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    JsonHeaderReader(byte[] data, int offset, int end) {
        super(data, offset, end);
    }

    RemotingCommand readCommand() throws RemotingCommandException {
        RemotingCommand cmd = new RemotingCommand();
        cmd.setCode(0);
        cmd.setVersion(0);
        cmd.setOpaque(0);
        cmd.setFlag(0);
        cmd.setLanguage(LanguageCode.JAVA);
        cmd.setSerializeType(SerializeType.JSON);
        expectAfterWhitespace('{');
        if (peekAfterWhitespace() == '}') {
            p++;
        } else {
            do {
                int member = readMemberName();
                expectAfterWhitespace(':');
                readMember(cmd, member);
            } while (commaOrEnd('}'));
        }
        if (peekAfterWhitespace() != -1) {
            throw error("unexpected content after the header object");
        }
        return cmd;
    }

    private void readMember(RemotingCommand cmd, int member) throws RemotingCommandException {
        switch (member) {
            case CODE -> {
                if (!skipNull()) {
                    cmd.setCode(readInt());
                }
            }
            case FLAG -> {
                if (!skipNull()) {
                    cmd.setFlag(readInt());
                }
            }
            case OPAQUE -> {
                if (!skipNull()) {
                    cmd.setOpaque(readInt());
                }
            }
            case VERSION -> {
                if (!skipNull()) {
                    cmd.setVersion(readInt());
                }
            }
            case LANGUAGE -> {
                if (!skipNull()) {
                    cmd.setLanguage(readLanguage());
                }
            }
            case REMARK -> cmd.setRemark(skipNull() ? null : readScalarAsString());
            case EXT_FIELDS -> {
                if (skipNull()) {
                    cmd.setExtFields(null);
                } else {
                    // checked now, so a bad header still closes the connection; parsed when first asked for
                    peekAfterWhitespace();
                    int from = p;
                    checkStringMap();
                    cmd.setLazyExtFields(b, from, p);
                }
            }
            default -> skipValue(0);
        }
    }

    private LanguageCode readLanguage() throws RemotingCommandException {
        int c = peekAfterWhitespace();
        if (c == '"' || c == '\'') {
            LanguageCode code = LanguageCode.fromName(readString());
            return code == null ? LanguageCode.OTHER : code;
        }
        // fastjson also accepts an enum ordinal; LanguageCode ordinals equal their byte codes.
        return LanguageCode.fromCode((byte) readInt());
    }

    /** Moves past an extFields object, refusing exactly what {@link #readStringMap} refuses. */
    private void checkStringMap() throws RemotingCommandException {
        expectAfterWhitespace('{');
        if (peekAfterWhitespace() == '}') {
            p++;
            return;
        }
        do {
            int q = peekAfterWhitespace();
            if (q != '"' && q != '\'') {
                throw error("expected a quoted extFields key");
            }
            checkString();
            expectAfterWhitespace(':');
            int c = peekAfterWhitespace();
            if (c == '{' || c == '[') {
                skipValue(0);
            } else if (!skipNull()) {
                checkScalar();
            }
        } while (commaOrEnd('}'));
    }

    /** The extFields object that starts at the current position, as a map. */
    Map<String, String> readStringMap() throws RemotingCommandException {
        expectAfterWhitespace('{');
        // Sized so a SEND_MESSAGE_V2 header (13 fields) fits without a resize.
        Map<String, String> map = new HashMap<>(32);
        if (peekAfterWhitespace() == '}') {
            p++;
            return map;
        }
        do {
            int q = peekAfterWhitespace();
            if (q != '"' && q != '\'') {
                throw error("expected a quoted extFields key");
            }
            String key = readKey();
            expectAfterWhitespace(':');
            int c = peekAfterWhitespace();
            if (c == '{' || c == '[') {
                // fastjson turns a nested value into its JSON text when the target is a String.
                int from = p;
                skipValue(0);
                map.put(key, new String(b, from, p - from, StandardCharsets.UTF_8));
            } else if (!skipNull()) {
                map.put(key, readScalarAsString());
            }
        } while (commaOrEnd('}'));
        return map;
    }

    /**
     * Fills a new header of type {@code ht} from the extFields object at the current position, without building a
     * map or strings for numbers. Returns null where the map path must decide (a value that is not a plain number,
     * a bad value, a missing required field, a header of more than 64 fields) so that its errors stay the same.
     */
    Object readHeader(HeaderCodec.HeaderType ht) throws RemotingCommandException {
        HeaderCodec.HeaderField[] fields = ht.fields;
        if (fields.length > 64) {
            return null;
        }
        Object header = ht.newInstance();
        long seen = 0;
        expectAfterWhitespace('{');
        if (peekAfterWhitespace() == '}') {
            p++;
        } else {
            do {
                int index = readFieldIndex(ht);
                expectAfterWhitespace(':');
                int c = peekAfterWhitespace();
                if (c == '{' || c == '[') {
                    skipValue(0);
                    if (index >= 0) {
                        return null;
                    }
                } else if (skipNull()) {
                    continue;
                } else if (index < 0) {
                    checkScalar();
                } else {
                    HeaderCodec.HeaderField f = fields[index];
                    Object v = f.type == String.class ? readScalarAsString() : readPlainValue(f);
                    if (v == null) {
                        return null;
                    }
                    f.set(header, v);
                    seen |= 1L << index;
                }
            } while (commaOrEnd('}'));
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].required && (seen & (1L << i)) == 0) {
                return null;
            }
        }
        return header;
    }

    private int readFieldIndex(HeaderCodec.HeaderType ht) throws RemotingCommandException {
        int q = peekAfterWhitespace();
        if (q != '"' && q != '\'') {
            throw error("expected a quoted extFields key");
        }
        int close = plainStringEnd();
        if (close >= 0) {
            int from = p + 1;
            p = close + 1;
            return ht.indexOf(b, from, close - from);
        }
        String name = readString();
        for (int k = 0; k < ht.fields.length; k++) {
            if (ht.fields[k].name.equals(name)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * An int or long field given as a quoted string of ASCII digits, or a boolean as a quoted true or false (what
     * fastjson writes); otherwise null, and nothing is consumed.
     */
    private Object readPlainValue(HeaderCodec.HeaderField f) {
        if (b[p] != '"') {
            return null;
        }
        if (f.isBoolean()) {
            if (matchLiteral("\"true\"")) {
                return Boolean.TRUE;
            }
            return matchLiteral("\"false\"") ? Boolean.FALSE : null;
        }
        boolean isLong = f.isLong();
        if (!isLong && !f.isInt()) {
            return null;
        }
        int i = p + 1;
        boolean negative = i < end && b[i] == '-';
        if (negative) {
            i++;
        }
        int digits0 = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i++] - '0');
        }
        int digits = i - digits0;
        if (digits == 0 || digits > 18 || i >= end || b[i] != '"') {
            return null;
        }
        v = negative ? -v : v;
        if (!isLong && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            return null;
        }
        p = i + 1;
        return isLong ? (Object) v : (Object) (int) v;
    }

    /** Reads a member name and returns its id, or UNKNOWN. */
    private int readMemberName() throws RemotingCommandException {
        int q = peekAfterWhitespace();
        if (q != '"' && q != '\'') {
            throw error("expected a quoted member name");
        }
        int close = plainStringEnd();
        if (close >= 0) {
            int from = p + 1;
            p = close + 1;
            return memberId(from, close - from);
        }
        // An escaped member name is legal JSON, just never what a real peer sends.
        String name = readString();
        for (int id = 1; id < MEMBER_NAMES.length; id++) {
            if (MEMBER_NAMES[id].equals(name)) {
                return id;
            }
        }
        return UNKNOWN;
    }

    private int memberId(int from, int len) {
        for (int id = 1; id < MEMBER_BYTES.length; id++) {
            byte[] name = MEMBER_BYTES[id];
            if (name.length == len && regionEquals(from, name)) {
                return id;
            }
        }
        return UNKNOWN;
    }

    private boolean regionEquals(int from, byte[] name) {
        for (int k = 0; k < name.length; k++) {
            if (b[from + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

}
