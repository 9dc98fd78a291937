package io.tidemq.broker.stats;

import java.util.ArrayDeque;

/**
 * The last few samples of a counter taken every {@code period} ms, as 4.9's stats windows keep them: the first
 * sample is preceded by a zero one dated a period earlier (so what was counted before it is not lost), and a
 * snapshot is the difference between the oldest and the newest sample kept.
 */
final class StatsWindow {
    private record Sample(long time, long times, long value) {
    }

    private final long period;
    private final int capacity;
    private final ArrayDeque<Sample> samples;

    StatsWindow(long period, int capacity) {
        this.period = period;
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity + 1);
    }

    synchronized void sample(long now, long times, long value) {
        if (samples.isEmpty()) {
            samples.add(new Sample(now - period, 0, 0));
        }
        samples.add(new Sample(now, times, value));
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    synchronized StatsSnapshot snapshot() {
        if (samples.isEmpty()) {
            return StatsSnapshot.EMPTY;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        long sum = last.value - first.value;
        long elapsed = last.time - first.time;
        long times = last.times - first.times;
        return new StatsSnapshot(sum, elapsed > 0 ? sum * 1000.0 / elapsed : 0, times > 0 ? (double) sum / times : 0);
    }
}
