package io.tidemq.tools.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Locale;

/** Latencies in microseconds, recorded concurrently, read per interval and in total. */
final class LatencyRecorder {
    private final Recorder recorder = new Recorder(3_600_000_000L, 3);
    private final Histogram total = new Histogram(3_600_000_000L, 3);
    private volatile boolean counting;

    void record(long micros) {
        recorder.recordValue(Math.max(0, Math.min(micros, 3_600_000_000L)));
    }

    void startCounting() {
        recorder.reset();
        counting = true;
    }

    /** The interval since the last call; added to the total once counting started. */
    synchronized Histogram interval() {
        Histogram h = recorder.getIntervalHistogram();
        if (counting) {
            total.add(h);
        }
        return h;
    }

    Histogram total() {
        return total;
    }

    static String percentiles(Histogram h) {
        return String.format(Locale.ROOT, "p50=%.2fms p99=%.2fms p999=%.2fms max=%.2fms",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
