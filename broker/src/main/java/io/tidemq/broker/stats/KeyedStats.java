package io.tidemq.broker.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The broker's named, keyed counters that VIEW_BROKER_STATS_DATA serves and statsAll, the dashboard and the
 * exporter read, under 4.9's names and key formats (a topic, or "topic@group"). An item exists from its first
 * increment on; its minute, hour and day windows are sampled every 10 s, 10 min and hour.
 */
public final class KeyedStats {
    public static final String TOPIC_PUT_NUMS = "TOPIC_PUT_NUMS";
    public static final String TOPIC_PUT_SIZE = "TOPIC_PUT_SIZE";
    public static final String GROUP_GET_NUMS = "GROUP_GET_NUMS";
    public static final String GROUP_GET_SIZE = "GROUP_GET_SIZE";
    public static final String GROUP_GET_LATENCY = "GROUP_GET_LATENCY";
    public static final String SNDBCK_PUT_NUMS = "SNDBCK_PUT_NUMS";
    public static final String BROKER_PUT_NUMS = "BROKER_PUT_NUMS";
    public static final String BROKER_GET_NUMS = "BROKER_GET_NUMS";

    private final Map<String, Map<String, StatsItem>> items = new ConcurrentHashMap<>();
    /** When each window was last sampled; -1 before the first sample. */
    private long lastMinuteSample = -1;
    private long lastHourSample = -1;
    private long lastDaySample = -1;

    public void add(String name, String key, long value, long times) {
        items.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new StatsItem()).add(value, times);
    }

    /** The minute, hour and day snapshots of an item, or null when it never counted anything. */
    public StatsSnapshot[] snapshots(String name, String key) {
        Map<String, StatsItem> byKey = items.get(name);
        StatsItem item = byKey == null ? null : byKey.get(key);
        if (item == null) {
            return null;
        }
        return new StatsSnapshot[] {item.minute.snapshot(), item.hour.snapshot(), item.day.snapshot()};
    }

    /** The item's rate per second over the last minute; 0 when it does not exist. */
    public double minuteTps(String name, String key) {
        StatsSnapshot[] s = snapshots(name, key);
        return s == null ? 0 : s[0].tps();
    }

    /** Takes the samples that are due at {@code now} (ms); call at least every 10 seconds. */
    public synchronized void sampleDue(long now) {
        boolean minute = due(lastMinuteSample, now, StatsItem.TEN_SECONDS);
        boolean hour = due(lastHourSample, now, StatsItem.TEN_MINUTES);
        boolean day = due(lastDaySample, now, StatsItem.ONE_HOUR);
        if (!minute && !hour && !day) {
            return;
        }
        for (Map<String, StatsItem> byKey : items.values()) {
            for (StatsItem item : byKey.values()) {
                long times = item.times.sum();
                long value = item.value.sum();
                if (minute) {
                    item.minute.sample(now, times, value);
                }
                if (hour) {
                    item.hour.sample(now, times, value);
                }
                if (day) {
                    item.day.sample(now, times, value);
                }
            }
        }
        lastMinuteSample = minute ? now : lastMinuteSample;
        lastHourSample = hour ? now : lastHourSample;
        lastDaySample = day ? now : lastDaySample;
    }

    private static boolean due(long last, long now, long period) {
        return last < 0 || now - last >= period;
    }

    /** Forgets the items whose key matches (a deleted topic or group). */
    public void removeKeys(Predicate<String> key) {
        items.values().forEach(byKey -> byKey.keySet().removeIf(key));
    }
}
