package io.tidemq.remoting.protocol;

/** The sender's implementation language, as carried in every command header (name in JSON, byte in binary). */
public enum LanguageCode {
    JAVA(0), CPP(1), DOTNET(2), PYTHON(3), DELPHI(4), ERLANG(5), RUBY(6), OTHER(7), HTTP(8), GO(9), PHP(10), OMS(11);

    private static final LanguageCode[] BY_CODE = new LanguageCode[12];

    static {
        for (LanguageCode c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final byte code;

    LanguageCode(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** Returns the language for a binary code, or OTHER for codes we do not know. */
    public static LanguageCode fromCode(byte code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** Returns the language for a JSON name, or null for names we do not know (the official side does the same). */
    public static LanguageCode fromName(String name) {
        for (LanguageCode c : BY_CODE) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
