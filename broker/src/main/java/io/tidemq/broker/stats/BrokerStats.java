package io.tidemq.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * Message counters for GET_BROKER_RUNTIME_INFO, clusterList and consumerProgress (totals, today/yesterday snapshots
 * taken at midnight, rates over sliding windows of 10 s, 1 min and 10 min from samples taken every second) and the
 * keyed items of VIEW_BROKER_STATS_DATA (per topic, per topic and group).
 */
public final class BrokerStats {
    private static final int TEN_MINUTES = 601;

    private final SampledCount puts = new SampledCount(TEN_MINUTES);
    private final LongAdder putBytes = new LongAdder();
    private final SampledCount gets = new SampledCount(TEN_MINUTES);
    private final LongAdder getBytes = new LongAdder();
    private volatile long putTodayMorning;
    private volatile long putYesterdayMorning;
    private volatile long getTodayMorning;
    private volatile long getYesterdayMorning;
    private final KeyedStats keyed = new KeyedStats();
    private final String clusterName;

    public BrokerStats(String clusterName) {
        this.clusterName = clusterName;
    }

    /** Messages a client stored in {@code topic} (sends, batches, replies). */
    public void recordPut(String topic, int messages, long bytes) {
        puts.count.add(messages);
        putBytes.add(bytes);
        keyed.add(KeyedStats.TOPIC_PUT_NUMS, topic, messages, 1);
        keyed.add(KeyedStats.TOPIC_PUT_SIZE, topic, bytes, 1);
        keyed.add(KeyedStats.BROKER_PUT_NUMS, clusterName, messages, 0);
    }

    /** A pull of {@code group} that found messages in {@code topic}, and how long the broker took to answer it. */
    public void recordGet(String topic, String group, int messages, long bytes, long latencyMillis) {
        gets.count.add(messages);
        getBytes.add(bytes);
        String key = topic + "@" + group;
        keyed.add(KeyedStats.GROUP_GET_NUMS, key, messages, 1);
        keyed.add(KeyedStats.GROUP_GET_SIZE, key, bytes, 1);
        keyed.add(KeyedStats.GROUP_GET_LATENCY, key, latencyMillis, 1);
        keyed.add(KeyedStats.BROKER_GET_NUMS, clusterName, messages, 0);
    }

    /** A message of {@code topic} that {@code group} sent back for a retry (or to its DLQ). */
    public void recordSendBack(String topic, String group) {
        keyed.add(KeyedStats.SNDBCK_PUT_NUMS, topic + "@" + group, 1, 1);
    }

    /** Messages per second the group pulled from the topic over the last minute (consumerProgress's consume TPS). */
    public double groupGetTps(String topic, String group) {
        return keyed.minuteTps(KeyedStats.GROUP_GET_NUMS, topic + "@" + group);
    }

    public KeyedStats keyed() {
        return keyed;
    }

    /** Takes the samples due at {@code now}; call once a second. */
    public void sample(long now) {
        puts.sample();
        gets.sample();
        keyed.sampleDue(now);
    }

    /** A deleted topic's items go with it. */
    public void forgetTopic(String topic) {
        String prefix = topic + "@";
        keyed.removeKeys(k -> k.equals(topic) || k.startsWith(prefix));
    }

    /** A deleted group's items go with it. */
    public void forgetGroup(String group) {
        String suffix = "@" + group;
        keyed.removeKeys(k -> k.endsWith(suffix));
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
