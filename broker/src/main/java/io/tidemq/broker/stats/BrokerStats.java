package io.tidemq.broker.stats;

import io.tidemq.store.StoreCounters;

import java.time.LocalDate;

/**
 * Message counters for GET_BROKER_RUNTIME_INFO, clusterList and consumerProgress (totals, today/yesterday snapshots
 * taken at midnight, rates over sliding windows of 10 s, 1 min and 10 min from samples taken every second) and the
 * keyed items of VIEW_BROKER_STATS_DATA (per topic, per topic and group).
 */
public final class BrokerStats {
    private static final int TEN_MINUTES = 601;

    // sampled from the store's totals: every append and every read counts, whoever made it (as in 4.9)
    private final SampledCount puts = new SampledCount(TEN_MINUTES);
    private final SampledCount getFound = new SampledCount(TEN_MINUTES);
    private final SampledCount getMiss = new SampledCount(TEN_MINUTES);
    private final SampledCount transferred = new SampledCount(TEN_MINUTES);
    private volatile StoreCounters totals = new StoreCounters(0, 0, 0, 0);
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
        keyed.add(KeyedStats.TOPIC_PUT_NUMS, topic, messages, 1);
        keyed.add(KeyedStats.TOPIC_PUT_SIZE, topic, bytes, 1);
        keyed.add(KeyedStats.BROKER_PUT_NUMS, clusterName, messages, 0);
    }

    /** A pull of {@code group} that found messages in {@code topic}, and how long the broker took to answer it. */
    public void recordGet(String topic, String group, int messages, long bytes, long latencyMillis) {
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

    /** The day of the last tick; only the scheduler's thread ticks. */
    private LocalDate day = LocalDate.now();

    public KeyedStats keyed() {
        return keyed;
    }

    /** Takes the samples due at {@code now} with the store's totals then; call once a second. */
    public void sample(long now, StoreCounters store) {
        totals = store;
        puts.sample(store.putMessages());
        getFound.sample(store.getFound());
        getMiss.sample(store.getMiss());
        transferred.sample(store.getTransferred());
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

    /**
     * The once-a-second tick: takes the samples due at {@code now} and, at the first tick of a new day
     * ({@code today}), rolls the daily counters.
     */
    public void tick(long now, LocalDate today, StoreCounters store) {
        sample(now, store);
        if (!today.equals(day)) {
            day = today;
            rollDay();
        }
    }

    /** Rolls the daily counters; call at midnight. */
    public void rollDay() {
        putYesterdayMorning = putTodayMorning;
        getYesterdayMorning = getTodayMorning;
        putTodayMorning = totals.putMessages();
        getTodayMorning = totals.getTransferred();
    }

    /** Messages appended per second, "tps10s tps1m tps10m" as clusterList and the exporter parse it. */
    public String putTps() {
        return rates(puts);
    }

    /** Reads per second that found messages. */
    public String getFoundTps() {
        return rates(getFound);
    }

    /** Reads per second that found none. */
    public String getMissTps() {
        return rates(getMiss);
    }

    /** All reads per second. */
    public String getTotalTps() {
        return fmt(getFound.rateOver(10) + getMiss.rateOver(10)) + " "
                + fmt(getFound.rateOver(60) + getMiss.rateOver(60)) + " "
                + fmt(getFound.rateOver(600) + getMiss.rateOver(600));
    }

    /** Messages handed out per second. */
    public String getTransferredTps() {
        return rates(transferred);
    }

    private static String rates(SampledCount c) {
        return fmt(c.rateOver(10)) + " " + fmt(c.rateOver(60)) + " " + fmt(c.rateOver(600));
    }

    /**
     * A running total sampled once a second into a ring of {@code size} samples. It starts with a zero sample, so
     * what was counted before the first sampling counts toward the first rate.
     */
    private static final class SampledCount {
        private final long[] samples;
        private int index = 1;
        private int taken = 1;

        SampledCount(int size) {
            this.samples = new long[size];
        }

        synchronized void sample(long total) {
            samples[index] = total;
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
