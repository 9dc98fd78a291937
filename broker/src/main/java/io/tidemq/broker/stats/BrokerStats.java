package io.tidemq.broker.stats;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Message counters for GET_BROKER_RUNTIME_INFO, clusterList and consumerProgress: totals, today/yesterday snapshots
 * taken at midnight, rates over sliding windows (10 s, 1 min, 10 min) and each group's pull rate per topic over a
 * minute, from samples taken every second.
 */
public final class BrokerStats {
    private static final int WINDOW = 601;

    private final LongAdder putCount = new LongAdder();
    private final LongAdder putBytes = new LongAdder();
    private final LongAdder getCount = new LongAdder();
    private final LongAdder getBytes = new LongAdder();
    private final long[] putSamples = new long[WINDOW];
    private final long[] getSamples = new long[WINDOW];
    private int sampleIndex;
    private int samples;
    private volatile long putTodayMorning;
    private volatile long putYesterdayMorning;
    private volatile long getTodayMorning;
    private volatile long getYesterdayMorning;
    private final ConcurrentHashMap<String, GroupGets> groupGets = new ConcurrentHashMap<>();

    public void recordPut(String topic, int messages, long bytes) {
        putCount.add(messages);
        putBytes.add(bytes);
    }

    public void recordGet(String topic, int messages, long bytes) {
        getCount.add(messages);
        getBytes.add(bytes);
    }

    /** Messages a consumer group pulled from a topic (consumerProgress's consume TPS). */
    public void recordGroupGet(String topic, String group, int messages) {
        groupGets.computeIfAbsent(topic + '@' + group, k -> new GroupGets()).count.add(messages);
    }

    /** Messages per second the group pulled from the topic over the last minute (less until a minute has passed). */
    public double groupGetTps(String topic, String group) {
        GroupGets g = groupGets.get(topic + '@' + group);
        return g == null ? 0 : g.tps();
    }

    /** Takes one rate sample; call once a second. */
    public synchronized void sample() {
        putSamples[sampleIndex] = putCount.sum();
        getSamples[sampleIndex] = getCount.sum();
        sampleIndex = (sampleIndex + 1) % WINDOW;
        samples = Math.min(samples + 1, WINDOW);
        groupGets.values().forEach(GroupGets::sample);
    }

    /** One group's pull count on one topic, sampled each second over a minute. */
    private static final class GroupGets {
        private static final int MINUTE = 61;
        private final LongAdder count = new LongAdder();
        /** Starts with a zero sample, so the pulls that made this entry count toward the first rate. */
        private final long[] samples = new long[MINUTE];
        private int index = 1;
        private int taken = 1;

        synchronized void sample() {
            samples[index] = count.sum();
            index = (index + 1) % MINUTE;
            taken = Math.min(taken + 1, MINUTE);
        }

        synchronized double tps() {
            int span = taken - 1;
            if (span <= 0) {
                return 0;
            }
            int newest = (index - 1 + MINUTE) % MINUTE;
            int oldest = (newest - span + MINUTE) % MINUTE;
            return (samples[newest] - samples[oldest]) / (double) span;
        }
    }

    /** Rolls the daily counters; call at midnight. */
    public void rollDay() {
        putYesterdayMorning = putTodayMorning;
        getYesterdayMorning = getTodayMorning;
        putTodayMorning = putCount.sum();
        getTodayMorning = getCount.sum();
    }

    /** "tps10s tps1m tps10m" as clusterList parses it. */
    public synchronized String putTps() {
        return rate(putSamples);
    }

    public synchronized String getTps() {
        return rate(getSamples);
    }

    private String rate(long[] s) {
        return fmt(rateOver(s, 10)) + " " + fmt(rateOver(s, 60)) + " " + fmt(rateOver(s, 600));
    }

    private double rateOver(long[] s, int seconds) {
        int span = Math.min(seconds, samples - 1);
        if (span <= 0) {
            return 0;
        }
        int newest = (sampleIndex - 1 + WINDOW) % WINDOW;
        int oldest = (newest - span + WINDOW) % WINDOW;
        return (s[newest] - s[oldest]) / (double) span;
    }

    private static String fmt(double v) {
        return String.format("%.2f", v);
    }

    public long putTotal() {
        return putCount.sum();
    }

    public long putBytesTotal() {
        return putBytes.sum();
    }

    public long getTotal() {
        return getCount.sum();
    }

    public long putTodayMorning() {
        return putTodayMorning;
    }

    public long putYesterdayMorning() {
        return putYesterdayMorning;
    }

    public long getTodayMorning() {
        return getTodayMorning;
    }

    public long getYesterdayMorning() {
        return getYesterdayMorning;
    }
}
