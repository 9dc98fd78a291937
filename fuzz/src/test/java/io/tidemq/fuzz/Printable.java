package io.tidemq.fuzz;

/** Shows control characters, surrogates and non-ASCII as {@code \\uXXXX}, so a finding's assertion message is readable. */
public final class Printable {
    private Printable() {
    }

    public static String of(Object value) {
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
