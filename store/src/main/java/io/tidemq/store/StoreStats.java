package io.tidemq.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store's counters for the runtime figures, lock-free and updated by every writer and reader: appends and their
 * latency (the maximum and, per minute, a histogram in 4.9's buckets), reads found and missed, messages handed out.
 */
final class StoreStats {
    /** Upper bounds (ms, exclusive) of 4.9's put-latency buckets after the first, "<=0ms"; the last is open. */
    private static final long[] BOUNDS = {10, 50, 100, 200, 500, 1000, 2000, 3000, 4000, 5000, 10000};
    private static final String[] LABELS = {"[<=0ms]", "[0~10ms]", "[10~50ms]", "[50~100ms]", "[100~200ms]",
        "[200~500ms]", "[500ms~1s]", "[1~2s]", "[2~3s]", "[3~4s]", "[4~5s]", "[5~10s]", "[10s~]"};
    private static final long MINUTE = 60_000;

    final LongAdder putMessageTimesTotal = new LongAdder();
    final LongAdder putMessageSizeTotal = new LongAdder();
    final LongAdder putMessageFailedTimes = new LongAdder();
    final LongAdder getFound = new LongAdder();
    final LongAdder getMiss = new LongAdder();
    final LongAdder getTransferred = new LongAdder();
    private final AtomicLong putMaxMillis = new AtomicLong();
    private final AtomicLong getMaxMillis = new AtomicLong();
    private volatile AtomicLongArray currentMinute = new AtomicLongArray(LABELS.length);
    private long[] lastMinute;
    private volatile long minuteStart;

    StoreStats(long now) {
        this.minuteStart = now;
    }

    void record(PutMessageResult r) {
        if (r.isOk() && r.appendResult() != null) {
            putMessageTimesTotal.add(r.appendResult().msgNum());
            putMessageSizeTotal.add(r.appendResult().wroteBytes());
        } else {
            putMessageFailedTimes.increment();
        }
    }

    /** A record replicated to a slave: there, as in 4.9, replication is what puts messages. */
    void recordReplicated(int size) {
        putMessageTimesTotal.increment();
        putMessageSizeTotal.add(size);
    }

    /** One put, from its arrival at the store to its completion (flush and replication waits included). */
    void recordPutLatency(long millis, long now) {
        putMaxMillis.accumulateAndGet(millis, Math::max);
        rollIfDue(now);
        currentMinute.incrementAndGet(bucket(millis));
    }

    void recordGet(GetMessageResult r, long millis) {
        if (r.status() == GetMessageStatus.FOUND) {
            getFound.increment();
        } else {
            getMiss.increment();
        }
        getTransferred.add(r.messageCount());
        getMaxMillis.accumulateAndGet(millis, Math::max);
    }

    long putMaxMillis() {
        return putMaxMillis.get();
    }

    long getMaxMillis() {
        return getMaxMillis.get();
    }

    /**
     * The put-latency histogram of the last whole minute, as "[<=0ms]:n [0~10ms]:n ... [10s~]:n " (4.9's format,
     * trailing space included); the minute in progress until a first one is complete.
     */
    String putDistribution(long now) {
        long[] counts;
        synchronized (this) {
            rollIfDue(now);
            counts = lastMinute;
            if (counts == null) {
                counts = snapshot(currentMinute);
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < LABELS.length; i++) {
            b.append(LABELS[i]).append(':').append(counts[i]).append(' ');
        }
        return b.toString();
    }

    private void rollIfDue(long now) {
        if (now - minuteStart >= MINUTE) {
            roll(now);
        }
    }

    private synchronized void roll(long now) {
        if (now - minuteStart < MINUTE) {
            return;
        }
        // a minute without any put leaves an empty histogram, not the last busy minute's
        lastMinute = now - minuteStart < 2 * MINUTE ? snapshot(currentMinute) : new long[LABELS.length];
        currentMinute = new AtomicLongArray(LABELS.length);
        minuteStart = now - (now - minuteStart) % MINUTE;
    }

    private static long[] snapshot(AtomicLongArray a) {
        long[] out = new long[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }

    private static int bucket(long millis) {
        if (millis <= 0) {
            return 0;
        }
        for (int i = 0; i < BOUNDS.length; i++) {
            if (millis < BOUNDS[i]) {
                return i + 1;
            }
        }
        return LABELS.length - 1;
    }
}
