package io.tidemq.store;

/** When an append counts as durable (key {@code flushDiskType}). */
public enum FlushDiskType {
    /** Acknowledge after the write to the page cache; a background service flushes. */
    ASYNC_FLUSH,
    /** Acknowledge only after fsync (group commit shares one fsync between concurrent writers). */
    SYNC_FLUSH
}
