package io.tidemq.store;

/** Where the store's timed steps report to: the registered {@link StoreLatencyListener}, or nowhere. */
final class LatencyTap {
    private volatile StoreLatencyListener listener = StoreLatencyListener.NONE;

    void set(StoreLatencyListener l) {
        listener = l == null ? StoreLatencyListener.NONE : l;
    }

    void putCompleted(long nanos, boolean ok) {
        listener.putCompleted(nanos, ok);
    }

    /** Flushes {@code commitLog} as {@code leastPages} asks and reports the time when bytes were written. */
    long flush(CommitLog commitLog, int leastPages) {
        MappedFileQueue files = commitLog.files();
        long before = files.flushedWhere();
        long began = System.nanoTime();
        long after = files.flush(leastPages);
        if (after > before) {
            listener.flushed(System.nanoTime() - began, after - before);
        }
        return after;
    }
}
