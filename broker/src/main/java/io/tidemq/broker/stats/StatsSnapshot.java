package io.tidemq.broker.stats;

/** What a stats item counted over one window: the sum, its rate per second, and the mean per increment. */
public record StatsSnapshot(long sum, double tps, double avgpt) {
    static final StatsSnapshot EMPTY = new StatsSnapshot(0, 0, 0);
}
