package io.tidemq.store;

import io.tidemq.config.ConfigException;

/**
 * The delay of each level (1-based) from {@code messageDelayLevel}, e.g. {@code "1s 5s 10s 30s 1m ... 2h"} (units s,
 * m, h, d): the one parser of that key, for the store (a delayed message's due time as its tags code) and the
 * broker (parking and delivering delayed messages).
 */
public final class DelayLevels {
    private final long[] millis;

    public DelayLevels(String spec) {
        String[] parts = spec.trim().split("\\s+");
        millis = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            millis[i] = parse(parts[i], spec);
        }
    }

    private static long parse(String part, String spec) {
        if (part.length() < 2) {
            throw new ConfigException("bad messageDelayLevel '" + spec + "': level '" + part + "'");
        }
        char unit = part.charAt(part.length() - 1);
        long n;
        try {
            n = Long.parseLong(part.substring(0, part.length() - 1));
        } catch (NumberFormatException e) {
            throw new ConfigException("bad messageDelayLevel '" + spec + "': level '" + part + "'");
        }
        return switch (unit) {
            case 's' -> n * 1000;
            case 'm' -> n * 60_000;
            case 'h' -> n * 3_600_000;
            case 'd' -> n * 86_400_000;
            default -> throw new ConfigException("bad messageDelayLevel '" + spec + "': unit of '" + part + "'");
        };
    }

    public int maxLevel() {
        return millis.length;
    }

    /** Delay of a level in ms (levels start at 1). */
    public long millisOf(int level) {
        return millis[Math.min(Math.max(level, 1), millis.length) - 1];
    }

    /** Delivery time of a message of {@code level} (clamped to the highest) stored at {@code storeTimestamp}. */
    public long deliverTimestamp(int level, long storeTimestamp) {
        if (level <= 0) {
            return storeTimestamp + 1000;
        }
        return storeTimestamp + millisOf(level);
    }
}
