package io.tidemq.common.logging;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Tells whether a logging configuration file says the same as the copy bundled in a server's jar. */
public final class BundledConfiguration {
    private BundledConfiguration() {
    }

    /**
     * True when {@code source} is the bundled resource, or has the same text once XML comments are removed and runs
     * of white space count as one; false when they differ or either cannot be read (the caller then reads the XML,
     * which reports what is wrong).
     */
    public static boolean same(URL source, String bundledResource) {
        URL bundled = BundledConfiguration.class.getResource(bundledResource);
        if (bundled == null) {
            return false;
        }
        if (bundled.toString().equals(source.toString())) {
            return true;
        }
        try {
            return normalized(source).equals(normalized(bundled));
        } catch (IOException e) {
            return false;
        }
    }

    /** The text without comments, each run of white space (or comment) as one space; no regex on the boot path. */
    static String normalized(URL url) throws IOException {
        String text;
        try (InputStream in = url.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                i = end < 0 ? text.length() : end + 2;
                space = true;
            } else if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
