package io.tidemq.common.json;

/**
 * Rewrites fastjson's object-valued map keys ({@code {{"topic":"T",...}:5}}, how 4.9 clients write MessageQueue
 * keys) as string keys holding the same JSON text, which standard parsers read and {@link Json}'s MessageQueue
 * key deserializer understands. Everything else, strings included, is copied unchanged.
 */
final class ObjectKeys {
    private ObjectKeys() {
    }

    static String quote(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        // per open bracket: true for an object whose next token is a key
        boolean[] expectKey = new boolean[64];
        boolean[] isObject = new boolean[64];
        int depth = 0;
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = stringEnd(json, i);
                out.append(json, i, end);
                i = end;
                continue;
            }
            if (c == '{' && depth > 0 && isObject[depth - 1] && expectKey[depth - 1]) {
                int end = objectEnd(json, i);
                out.append(Json.toString(json.substring(i, end)));
                i = end;
                continue;
            }
            if (c == '{' || c == '[') {
                if (depth == expectKey.length) {
                    expectKey = java.util.Arrays.copyOf(expectKey, depth * 2);
                    isObject = java.util.Arrays.copyOf(isObject, depth * 2);
                }
                isObject[depth] = c == '{';
                expectKey[depth] = c == '{';
                depth++;
            } else if (c == '}' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ':' && depth > 0) {
                expectKey[depth - 1] = false;
            } else if (c == ',' && depth > 0 && isObject[depth - 1]) {
                expectKey[depth - 1] = true;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** Index just past the string literal starting at {@code start}. */
    private static int stringEnd(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** Index just past the balanced object starting at {@code start}. */
    private static int objectEnd(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                i = stringEnd(s, i);
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return s.length();
    }
}
