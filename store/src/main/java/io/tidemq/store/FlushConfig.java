package io.tidemq.store;

import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigKey.Origin;

/**
 * How the CommitLog and consume queues reach the disk: flush mode and intervals, the transient store pool, page
 * warming. Part of {@link MessageStoreConfig}, under the same property keys.
 */
public final class FlushConfig {
    @ConfigKey(doc = "ASYNC_FLUSH (page cache, flushed in the background) or SYNC_FLUSH (a send succeeds once it is "
            + "on disk; concurrent sends share one fsync).", important = true)
    private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    @ConfigKey(doc = "ASYNC_FLUSH: interval between background flushes of the CommitLog, ms.", live = true)
    private volatile int flushIntervalCommitLog = 500;
    @ConfigKey(doc = "ASYNC_FLUSH: pages (4 KiB) that must be dirty before a periodic flush writes them.",
            live = true)
    private volatile int flushCommitLogLeastPages = 4;
    @ConfigKey(doc = "ASYNC_FLUSH: a full flush at least this often regardless of dirty pages, ms.", live = true)
    private volatile int flushCommitLogThoroughInterval = 10_000;
    @ConfigKey(doc = "ASYNC_FLUSH: true sleeps flushIntervalCommitLog between flushes; false also wakes the flusher "
            + "after each append.", live = true)
    private volatile boolean flushCommitLogTimed = true;
    @ConfigKey(doc = "SYNC_FLUSH: how long a send waits for its fsync before FLUSH_DISK_TIMEOUT, ms.")
    private int syncFlushTimeout = 5000;
    @ConfigKey(doc = "Interval between flushes of consume queues and index (and of the checkpoint that vouches for "
            + "them), ms.")
    private int flushIntervalConsumeQueue = 1000;
    @ConfigKey(doc = "Dirty pages before a periodic consume-queue flush.",
            noEffect = "consume queues and index are flushed whole every flushIntervalConsumeQueue, together with "
                    + "the checkpoint, which may only claim what was flushed.")
    private int flushConsumeQueueLeastPages = 2;
    @ConfigKey(doc = "Interval of full consume-queue flushes, ms.",
            noEffect = "every consume-queue flush is a full one (see flushConsumeQueueLeastPages).")
    private int flushConsumeQueueThoroughInterval = 60_000;
    @ConfigKey(doc = "ASYNC_FLUSH: append through write(2) instead of the memory mapping (SYNC_FLUSH always does, "
            + "as pages written that way sync several times faster).", origin = Origin.TIDEMQ)
    private boolean appendThroughFileChannel = false;
    @ConfigKey(doc = "Bytes of the current CommitLog file touched ahead of the writer by a helper thread, moving the "
            + "page-fault cost of a fresh file off the append path (worth it with spare cores); 0 = off.",
            origin = Origin.TIDEMQ)
    private int warmAheadCommitLog = 0;
    @ConfigKey(doc = "Pre-touch each new CommitLog file.",
            noEffect = "TideMQ's equivalent is warmAheadCommitLog, which warms ahead of the writer instead of the "
                    + "whole file at once.")
    private boolean warmMapedFileEnable = false;
    @ConfigKey(doc = "Pages between flushes while warming a file.", noEffect = "see warmMapedFileEnable.")
    private int flushLeastPagesWhenWarmMapedFile = 1024 / 4 * 16;
    @ConfigKey(doc = "Apache: stage appends in a pool of direct buffers committed to the file in the background.",
            noEffect = "appends go straight to the page cache, where they also survive a crash of the broker "
                    + "process; the pool's gain is an Apache-specific trade-off.")
    private boolean transientStorePoolEnable = false;
    @ConfigKey(doc = "Buffers of the transient store pool.", noEffect = "see transientStorePoolEnable.")
    private int transientStorePoolSize = 5;
    @ConfigKey(doc = "Refuse sends when the transient store pool is empty.", noEffect = "see transientStorePoolEnable.")
    private boolean fastFailIfNoBufferInStorePool = false;
    @ConfigKey(doc = "Commit interval of the transient store pool, ms.", noEffect = "see transientStorePoolEnable.")
    private int commitIntervalCommitLog = 200;
    @ConfigKey(doc = "Pages before a commit of the transient store pool.", noEffect = "see transientStorePoolEnable.")
    private int commitCommitLogLeastPages = 4;
    @ConfigKey(doc = "Interval of full commits of the transient store pool, ms.",
            noEffect = "see transientStorePoolEnable.")
    private int commitCommitLogThoroughInterval = 200;

    public FlushDiskType getFlushDiskType() {
        return flushDiskType;
    }

    public void setFlushDiskType(FlushDiskType flushDiskType) {
        this.flushDiskType = flushDiskType;
    }

    public int getFlushIntervalCommitLog() {
        return flushIntervalCommitLog;
    }

    public void setFlushIntervalCommitLog(int flushIntervalCommitLog) {
        this.flushIntervalCommitLog = flushIntervalCommitLog;
    }

    public int getFlushCommitLogLeastPages() {
        return flushCommitLogLeastPages;
    }

    public void setFlushCommitLogLeastPages(int flushCommitLogLeastPages) {
        this.flushCommitLogLeastPages = flushCommitLogLeastPages;
    }

    public int getFlushCommitLogThoroughInterval() {
        return flushCommitLogThoroughInterval;
    }

    public void setFlushCommitLogThoroughInterval(int flushCommitLogThoroughInterval) {
        this.flushCommitLogThoroughInterval = flushCommitLogThoroughInterval;
    }

    public boolean isFlushCommitLogTimed() {
        return flushCommitLogTimed;
    }

    public void setFlushCommitLogTimed(boolean flushCommitLogTimed) {
        this.flushCommitLogTimed = flushCommitLogTimed;
    }

    public int getFlushIntervalConsumeQueue() {
        return flushIntervalConsumeQueue;
    }

    public void setFlushIntervalConsumeQueue(int flushIntervalConsumeQueue) {
        this.flushIntervalConsumeQueue = flushIntervalConsumeQueue;
    }

    public int getFlushConsumeQueueLeastPages() {
        return flushConsumeQueueLeastPages;
    }

    public void setFlushConsumeQueueLeastPages(int flushConsumeQueueLeastPages) {
        this.flushConsumeQueueLeastPages = flushConsumeQueueLeastPages;
    }

    public int getFlushConsumeQueueThoroughInterval() {
        return flushConsumeQueueThoroughInterval;
    }

    public void setFlushConsumeQueueThoroughInterval(int flushConsumeQueueThoroughInterval) {
        this.flushConsumeQueueThoroughInterval = flushConsumeQueueThoroughInterval;
    }

    public int getSyncFlushTimeout() {
        return syncFlushTimeout;
    }

    public void setSyncFlushTimeout(int syncFlushTimeout) {
        this.syncFlushTimeout = syncFlushTimeout;
    }

    public boolean isAppendThroughFileChannel() {
        return appendThroughFileChannel;
    }

    public void setAppendThroughFileChannel(boolean appendThroughFileChannel) {
        this.appendThroughFileChannel = appendThroughFileChannel;
    }

    public int getWarmAheadCommitLog() {
        return warmAheadCommitLog;
    }

    public void setWarmAheadCommitLog(int warmAheadCommitLog) {
        this.warmAheadCommitLog = warmAheadCommitLog;
    }
}
