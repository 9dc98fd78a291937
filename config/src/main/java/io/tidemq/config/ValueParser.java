package io.tidemq.config;

/** Text to field value for the types a {@link ConfigKey} field may have. */
final class ValueParser {
    private ValueParser() {
    }

    static boolean supports(Class<?> t) {
        return t == String.class || t == int.class || t == Integer.class || t == long.class || t == Long.class
                || t == boolean.class || t == Boolean.class || t == double.class || t == Double.class
                || t == float.class || t == Float.class || t == short.class || t == Short.class || t.isEnum();
    }

    /** Parses {@code v} (already trimmed); throws an unchecked exception when it does not parse. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object parse(Class<?> t, String v) {
        if (t == String.class) {
            return v;
        } else if (t == int.class || t == Integer.class) {
            return Integer.parseInt(v);
        } else if (t == long.class || t == Long.class) {
            return Long.parseLong(v);
        } else if (t == boolean.class || t == Boolean.class) {
            if (v.equalsIgnoreCase("true")) {
                return true;
            } else if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException(v);
        } else if (t == double.class || t == Double.class) {
            return Double.parseDouble(v);
        } else if (t == float.class || t == Float.class) {
            return Float.parseFloat(v);
        } else if (t == short.class || t == Short.class) {
            return Short.parseShort(v);
        } else if (t.isEnum()) {
            for (Object c : t.getEnumConstants()) {
                if (((Enum) c).name().equalsIgnoreCase(v)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(v);
        }
        throw new IllegalArgumentException("unsupported type " + t);
    }

    /** What a value of type {@code t} looks like, for error messages and the reference. */
    static String expected(Class<?> t) {
        if (t.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] cs = t.getEnumConstants();
            for (int i = 0; i < cs.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(((Enum<?>) cs[i]).name());
            }
            return sb.toString();
        }
        if (t == Integer.class) {
            return "int";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        return t.getSimpleName().toLowerCase();
    }
}
