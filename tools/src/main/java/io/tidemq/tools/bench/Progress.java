package io.tidemq.tools.bench;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/** Prints a progress line every few seconds until the end time; remembers the counts of the measured window. */
final class Progress {
    private final String mode;
    private final int reportSeconds;
    private final LongAdder ok;
    private final LongAdder failed;
    private final LatencyRecorder rt;
    private final long start;
    private final long countFrom;
    private final long end;
    private long okAtCountStart = -1;
    private long failedAtCountStart;
    private long okAtEnd;
    private long failedAtEnd;
    private long countStartMillis;
    private long endMillis;
    private volatile boolean stopped;

    Progress(String mode, int reportSeconds, LongAdder ok, LongAdder failed, LatencyRecorder rt, long start,
             long countFrom, long end) {
        this.mode = mode;
        this.reportSeconds = reportSeconds;
        this.ok = ok;
        this.failed = failed;
        this.rt = rt;
        this.start = start;
        this.countFrom = countFrom;
        this.end = end;
    }

    void run() throws InterruptedException {
        long lastOk = 0;
        long lastTime = start;
        while (true) {
            long now = System.currentTimeMillis();
            if (okAtCountStart < 0 && now >= countFrom) {
                okAtCountStart = ok.sum();
                failedAtCountStart = failed.sum();
                countStartMillis = now;
                rt.startCounting();
                // markers for a caller that samples server CPU over exactly the measured window
                System.out.println("[" + mode + "] MEASURE-BEGIN");
            }
            if (now >= end || stopped) {
                okAtEnd = ok.sum();
                failedAtEnd = failed.sum();
                endMillis = now;
                rt.interval();
                System.out.println("[" + mode + "] MEASURE-END");
                return;
            }
            long next = Math.min(Math.min(lastTime + reportSeconds * 1000L, end),
                    okAtCountStart < 0 ? countFrom : Long.MAX_VALUE);
            // short naps so stop() is seen soon; the histogram is read only when a line is printed
            Thread.sleep(Math.max(1, Math.min(200, next - now)));
            long t = System.currentTimeMillis();
            long okNow = ok.sum();
            if (t - lastTime >= reportSeconds * 1000L - 50) {
                Histogram h = rt.interval();
                System.out.printf(Locale.ROOT, "[%s] %ds %s tps=%.1f ok=%d failed=%d %s%n", mode,
                        (t - start) / 1000, t < countFrom ? "warm-up" : "measure",
                        (okNow - lastOk) * 1000.0 / Math.max(1, t - lastTime), okNow, failed.sum(),
                        h.getTotalCount() == 0 ? "" : LatencyRecorder.percentiles(h));
                lastOk = okNow;
                lastTime = t;
            }
        }
    }

    /** Ends the run before its end time (e.g. once a message budget is spent); seen within 200 ms. */
    void stop() {
        stopped = true;
    }

    /** Milliseconds from the start of counting to the end of the run. */
    long countedMillis() {
        return Math.max(1, endMillis - countStartMillis);
    }

    long countedOk() {
        return okAtEnd - Math.max(0, okAtCountStart);
    }

    long countedFailed() {
        return failedAtEnd - failedAtCountStart;
    }
}
