package io.tidemq.broker.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Message counters for GET_BROKER_RUNTIME_INFO, clusterList and consumerProgress: totals, today/yesterday snapshots
 * taken at midnight, rates over sliding windows (10 s, 1 min, 10 min) and each group's pull rate per topic over a
 * minute, from samples taken every second.
 */
public final class BrokerStats {
    private static final int TEN_MINUTES = 601;
    private static final int MINUTE = 61;

    private final SampledCount puts = new SampledCount(TEN_MINUTES);
    private final LongAdder putBytes = new LongAdder();
    private final SampledCount gets = new SampledCount(TEN_MINUTES);
    private final LongAdder getBytes = new LongAdder();
    private volatile long putTodayMorning;
    private volatile long putYesterdayMorning;
    private volatile long getTodayMorning;
    private volatile long getYesterdayMorning;
    /** topic, then group: two look-ups and no key to build on the pull path. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, SampledCount>> groupGets =
            new ConcurrentHashMap<>();

    public void recordPut(String topic, int messages, long bytes) {
        puts.count.add(messages);
        putBytes.add(bytes);
    }

    public void recordGet(String topic, int messages, long bytes) {
        gets.count.add(messages);
        getBytes.add(bytes);
    }

    /** Messages a consumer group pulled from a topic (consumerProgress's consume TPS). */
    public void recordGroupGet(String topic, String group, int messages) {
        groupGets.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(group, g -> new SampledCount(MINUTE)).count.add(messages);
    }

    /** Messages per second the group pulled from the topic over the last minute (less until a minute has passed). */
    public double groupGetTps(String topic, String group) {
        Map<String, SampledCount> byGroup = groupGets.get(topic);
        SampledCount c = byGroup == null ? null : byGroup.get(group);
        return c == null ? 0 : c.rateOver(MINUTE - 1);
    }

    /** Takes one rate sample; call once a second. */
    public void sample() {
        puts.sample();
        gets.sample();
        groupGets.values().forEach(byGroup -> byGroup.values().forEach(SampledCount::sample));
    }

    /** Rolls the daily counters; call at midnight. */
    public void rollDay() {
        putYesterdayMorning = putTodayMorning;
        getYesterdayMorning = getTodayMorning;
        putTodayMorning = puts.count.sum();
        getTodayMorning = gets.count.sum();
    }

    /** "tps10s tps1m tps10m" as clusterList parses it. */
    public String putTps() {
        return rates(puts);
    }

    public String getTps() {
        return rates(gets);
    }

    private static String rates(SampledCount c) {
        return fmt(c.rateOver(10)) + " " + fmt(c.rateOver(60)) + " " + fmt(c.rateOver(600));
    }

    /**
     * A counter sampled once a second into a ring of {@code size} samples. It starts with a zero sample, so what was
     * counted before the first sampling counts toward the first rate.
     */
    private static final class SampledCount {
        private final LongAdder count = new LongAdder();
        private final long[] samples;
        private int index = 1;
        private int taken = 1;

        SampledCount(int size) {
            this.samples = new long[size];
        }

        synchronized void sample() {
            samples[index] = count.sum();
            index = (index + 1) % samples.length;
            taken = Math.min(taken + 1, samples.length);
        }

        /** Average per second over the last {@code seconds} (fewer while less has been sampled). */
        synchronized double rateOver(int seconds) {
            int span = Math.min(seconds, taken - 1);
            if (span <= 0) {
                return 0;
            }
            int newest = (index - 1 + samples.length) % samples.length;
            int oldest = (newest - span + samples.length) % samples.length;
            return (samples[newest] - samples[oldest]) / (double) span;
        }
    }

    private static String fmt(double v) {
        return String.format("%.2f", v);
    }

    public long putTotal() {
        return puts.count.sum();
    }

    public long putBytesTotal() {
        return putBytes.sum();
    }

    public long getTotal() {
        return gets.count.sum();
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
