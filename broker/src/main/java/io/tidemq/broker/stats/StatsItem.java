package io.tidemq.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/** One counted thing (a topic's puts, a group's pulls of a topic): what was added, how often, and its windows. */
final class StatsItem {
    static final long TEN_SECONDS = 10_000;
    static final long TEN_MINUTES = 600_000;
    static final long ONE_HOUR = 3_600_000;

    final LongAdder value = new LongAdder();
    final LongAdder times = new LongAdder();
    /** Six 10-second steps: the last minute. */
    final StatsWindow minute = new StatsWindow(TEN_SECONDS, 7);
    /** Six 10-minute steps: the last hour. */
    final StatsWindow hour = new StatsWindow(TEN_MINUTES, 7);
    /** Twenty-four 1-hour steps: the last day. */
    final StatsWindow day = new StatsWindow(ONE_HOUR, 25);

    void add(long v, long t) {
        value.add(v);
        times.add(t);
    }
}
