package io.tidemq.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes some keys of a properties file in place and keeps every other line as it was (comments, order, blank
 * lines, other keys, their bytes): an operator's file stays readable after a remote update. Lines are handled as
 * ISO-8859-1, which maps every byte to one character, so untouched lines are written back byte for byte; new
 * values are written with {@code \\uXXXX} escapes for anything outside printable ASCII.
 */
public final class PropertiesFileEditor {
    private PropertiesFileEditor() {
    }

    /**
     * Sets each key of {@code changes} in {@code file}: every line defining the key is replaced, keys not yet in
     * the file are appended. The file is replaced atomically (written beside it, then moved), and created if it
     * does not exist.
     */
    public static void update(Path file, Map<String, String> changes) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        Map<String, String> pending = new LinkedHashMap<>(changes);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int end = i;
            while (end < lines.size() - 1 && continues(lines.get(end))) {
                end++;
            }
            String key = keyOf(lines.get(i));
            if (key != null && changes.containsKey(key)) {
                out.add(entry(key, changes.get(key)));
                pending.remove(key);
            } else {
                out.addAll(lines.subList(i, end + 1));
            }
            i = end + 1;
        }
        pending.forEach((k, v) -> out.add(entry(k, v)));
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, out, StandardCharsets.ISO_8859_1);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The key a line defines, or null for a comment, a blank line or a continuation. */
    static String keyOf(String line) {
        int i = 0;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        if (i == line.length() || line.charAt(i) == '#' || line.charAt(i) == '!') {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                key.append(line.charAt(++i));
            } else if (c == '=' || c == ':' || isBlank(c)) {
                break;
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** A line ending in an odd number of backslashes continues on the next one. */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    private static String entry(String key, String value) {
        StringBuilder sb = new StringBuilder(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c == ' ' && i == 0) {
                        sb.append("\\ ");
                    } else if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
