package io.tidemq.broker.acl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A whiteRemoteAddress or globalWhiteRemoteAddresses entry, in the forms Apache 4.9 accepts: blank (matches nothing),
 * {@code *} (everything), one address, several separated by commas, {@code 192.168.1.{1,2,3}}, and per-part
 * wildcards and ranges ({@code 192.168.*.*}, {@code 10.1.1-200.*}, and the same with hexadecimal groups for IPv6).
 * Each part of a range pattern is checked on its own, so {@code 10.1-2.3.4} does not match {@code 10.1.9.9} (Apache
 * ignores the parts after the first range). Immutable.
 */
public final class RemoteAddressPattern {
    private static final RemoteAddressPattern NOTHING = new RemoteAddressPattern(null, null, "");

    private final Set<String> exact;
    private final List<Part[]> ranges;
    private final String text;

    private RemoteAddressPattern(Set<String> exact, List<Part[]> ranges, String text) {
        this.exact = exact;
        this.ranges = ranges;
        this.text = text;
    }

    /** One inclusive range of a part (octet or IPv6 group). */
    private record Part(int min, int max) {
        boolean contains(int v) {
            return v >= min && v <= max;
        }
    }

    /** Parses an entry; throws {@link AclException} naming it when it is not an address pattern. */
    public static RemoteAddressPattern parse(String text) {
        if (text == null || text.isBlank()) {
            return NOTHING;
        }
        String t = text.trim();
        if (t.equals("*") || t.equals("*.*.*.*") || t.equals("*:*:*:*:*:*:*:*")) {
            return new RemoteAddressPattern(null, List.of(), t);
        }
        Set<String> exact = new HashSet<>();
        List<Part[]> ranges = new ArrayList<>();
        if (t.endsWith("}")) {
            int open = t.lastIndexOf('{');
            char sep = t.contains(":") ? ':' : '.';
            if (open <= 0 || t.charAt(open - 1) != sep) {
                throw bad(text, "the {a,b,c} list must be the last part");
            }
            String prefix = t.substring(0, open);
            for (String last : t.substring(open + 1, t.length() - 1).split(",")) {
                exact.add(literal(prefix + last.trim(), text));
            }
        } else {
            for (String one : t.split(",")) {
                String a = one.trim();
                if (a.contains("*") || a.contains("-")) {
                    ranges.add(rangeParts(a, text));
                } else {
                    exact.add(literal(a, text));
                }
            }
        }
        return new RemoteAddressPattern(exact, ranges, t);
    }

    /** Whether {@code address} (an IP address, without port) matches. */
    public boolean matches(String address) {
        if (exact == null && ranges == null) {
            return false;
        }
        if (exact == null) {
            return true;
        }
        int[] parts = parts(address);
        if (parts == null) {
            return false;
        }
        if (exact.contains(canonical(parts))) {
            return true;
        }
        for (Part[] range : ranges) {
            if (range.length == parts.length && within(range, parts)) {
                return true;
            }
        }
        return false;
    }

    /** The address part of a remote {@code ip:port} as servers print it. */
    public static String hostOf(String remoteAddr) {
        if (remoteAddr == null) {
            return null;
        }
        String a = remoteAddr.startsWith("/") ? remoteAddr.substring(1) : remoteAddr;
        int colon = a.lastIndexOf(':');
        a = colon > 0 ? a.substring(0, colon) : a;
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean within(Part[] range, int[] parts) {
        for (int i = 0; i < parts.length; i++) {
            if (!range[i].contains(parts[i])) {
                return false;
            }
        }
        return true;
    }

    private static String literal(String address, String entry) {
        int[] parts = parts(address);
        if (parts == null) {
            throw bad(entry, "'" + address + "' is not an IPv4 or IPv6 address");
        }
        return canonical(parts);
    }

    private static String canonical(int[] parts) {
        StringBuilder sb = new StringBuilder(parts.length == 4 ? "4:" : "6:");
        for (int p : parts) {
            sb.append(p).append('.');
        }
        return sb.toString();
    }

    /** The 4 octets or 8 groups of a literal address, or null when it is none. */
    private static int[] parts(String address) {
        String[] texts = split(address);
        if (texts == null) {
            return null;
        }
        boolean v6 = texts.length == 8;
        int[] out = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            Integer v = number(texts[i], v6);
            if (v == null) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    private static Part[] rangeParts(String pattern, String entry) {
        String[] texts = split(pattern);
        if (texts == null) {
            throw bad(entry, "'" + pattern + "' needs 4 parts (IPv4) or 8 groups (IPv6)");
        }
        boolean v6 = texts.length == 8;
        int max = v6 ? 0xFFFF : 255;
        Part[] out = new Part[texts.length];
        for (int i = 0; i < texts.length; i++) {
            String p = texts[i].trim();
            if (p.equals("*")) {
                out[i] = new Part(0, max);
                continue;
            }
            int dash = p.indexOf('-');
            Integer lo = number(dash < 0 ? p : p.substring(0, dash), v6);
            Integer hi = dash < 0 ? lo : number(p.substring(dash + 1), v6);
            if (lo == null || hi == null || lo > hi) {
                throw bad(entry, "'" + p + "' is not a number, '*' or a range 'a-b' within 0-" + max);
            }
            out[i] = new Part(lo, hi);
        }
        return out;
    }

    /** 4 dot-separated or 8 colon-separated texts ({@code ::} expanded), or null. */
    private static String[] split(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (!address.contains(":")) {
            String[] p = address.split("\\.", -1);
            return p.length == 4 ? p : null;
        }
        String a = address.toLowerCase(Locale.ROOT);
        int gap = a.indexOf("::");
        if (gap >= 0 && a.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<String> groups = new ArrayList<>();
        if (gap < 0) {
            groups.addAll(List.of(a.split(":", -1)));
        } else {
            String left = a.substring(0, gap);
            String right = a.substring(gap + 2);
            List<String> l = left.isEmpty() ? List.of() : List.of(left.split(":", -1));
            List<String> r = right.isEmpty() ? List.of() : List.of(right.split(":", -1));
            if (l.size() + r.size() > 7) {
                return null;
            }
            groups.addAll(l);
            for (int i = l.size() + r.size(); i < 8; i++) {
                groups.add("0");
            }
            groups.addAll(r);
        }
        return groups.size() == 8 ? groups.toArray(new String[0]) : null;
    }

    private static Integer number(String text, boolean hex) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > (hex ? 4 : 3)) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), hex ? 16 : 10) < 0) {
                return null;
            }
        }
        int v = Integer.parseInt(t, hex ? 16 : 10);
        return v <= (hex ? 0xFFFF : 255) ? v : null;
    }

    private static AclException bad(String entry, String why) {
        return new AclException("remote address pattern '" + entry + "' is not valid: " + why);
    }
}
