package io.tidemq.config;

import java.util.List;

/** A configuration key or value that cannot be used; the message names it. Stops start-up. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    /** Throws one exception for all {@code problems} (one per line), or returns when there are none. */
    public static void throwIfAny(List<String> problems) {
        if (problems.size() == 1) {
            throw new ConfigException(problems.get(0));
        } else if (!problems.isEmpty()) {
            throw new ConfigException(problems.size() + " configuration problems:\n  " + String.join("\n  ", problems));
        }
    }
}
