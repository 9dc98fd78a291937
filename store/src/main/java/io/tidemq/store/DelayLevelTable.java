package io.tidemq.store;

import io.tidemq.config.ConfigException;

/** The delay of each level of {@code messageDelayLevel} ("1s 5s 10s ... 2h"; units s, m, h, d), in ms. */
final class DelayLevelTable {
    private final long[] delays;

    DelayLevelTable(String spec) {
        String[] parts = spec.trim().split("\\s+");
        delays = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.length() < 2) {
                throw bad(spec);
            }
            long unit = switch (p.charAt(p.length() - 1)) {
                case 's' -> 1000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                default -> throw bad(spec);
            };
            try {
                delays[i] = Long.parseLong(p.substring(0, p.length() - 1)) * unit;
            } catch (NumberFormatException e) {
                throw bad(spec);
            }
        }
    }

    private static ConfigException bad(String spec) {
        return new ConfigException("messageDelayLevel must be durations like '1s 5m 2h 1d', got '" + spec + "'");
    }

    int maxLevel() {
        return delays.length;
    }

    /** Delivery time of a message of {@code level} (clamped to the highest) stored at {@code storeTimestamp}. */
    long deliverTimestamp(int level, long storeTimestamp) {
        if (level <= 0) {
            return storeTimestamp + 1000;
        }
        return storeTimestamp + delays[Math.min(level, delays.length) - 1];
    }
}
