package io.tidemq.store;

import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.common.message.MessageExtBrokerInner;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The message store: an append-only CommitLog with consume queues and an index built from it.
 *
 * <p>All methods are thread-safe. Offsets named "queue offset" or "logic offset" count messages within one consume
 * queue; "physical offset" is a byte position in the CommitLog.
 */
public interface MessageStore {
    /** Loads files and recovers (normal or after a crash); false when the store cannot be opened. */
    boolean load();

    /** Why the last {@link #load()} returned false, or null. */
    default String loadFailure() {
        return null;
    }

    /** Starts flush, dispatch, retention and other background services. */
    void start() throws Exception;

    /** Flushes everything and removes the abort marker; the store is then cleanly closed. */
    void shutdown();

    /** Removes every file of the store (tests and tools). */
    void destroy();

    /**
     * Appends one message, or every message of a {@link io.tidemq.common.message.MessageExtBatch} under one lock
     * acquisition with consecutive queue offsets: the one way in for local writes. The future completes once the
     * records are durable as the flush mode requires (or with FLUSH_DISK_TIMEOUT); they are readable once the
     * dispatcher has built their queue units.
     */
    CompletableFuture<PutMessageResult> asyncPutMessage(MessageExtBrokerInner msg);

    default PutMessageResult putMessage(MessageExtBrokerInner msg) {
        return asyncPutMessage(msg).join();
    }

    /**
     * Reads up to {@code maxMsgNums} messages of a queue from {@code offset}, keeping those {@code filter} accepts.
     * {@code group} is informational (metrics).
     */
    GetMessageResult getMessage(String group, String topic, int queueId, long offset, int maxMsgNums,
                                MessageFilter filter);

    /** The next queue offset to be written (0 for an unknown queue). */
    long getMaxOffsetInQueue(String topic, int queueId);

    /** The first queue offset still present (0 for an unknown queue). */
    long getMinOffsetInQueue(String topic, int queueId);

    /** Physical offset of the message at a queue offset, or -1 when absent. */
    long getCommitLogOffsetInQueue(String topic, int queueId, long queueOffset);

    /** Queue offset by store time (protocol.md 4.9: exact, nearest, first, or last existing entry). */
    long getOffsetInQueueByTime(String topic, int queueId, long timestamp);

    /** Store time of the message at a queue offset, or -1. */
    long getMessageStoreTimeStamp(String topic, int queueId, long queueOffset);

    /** Store time of the queue's first message still present, or -1. */
    long getEarliestMessageTime(String topic, int queueId);

    /** Store time of the first message in the CommitLog, or -1. */
    long getEarliestMessageTime();

    /** Decodes the record at a physical offset, or null when there is none (bad offset, deleted, corrupt). */
    MessageExt lookMessageByOffset(long commitLogOffset);

    /** The raw record at a physical offset (size read from the record), or null. Release it. */
    SelectMappedBufferResult selectOneMessageByOffset(long commitLogOffset);

    /** Messages whose index key is {@code topic#key}, stored within [begin, end] ms. Release it. */
    QueryMessageResult queryMessage(String topic, String key, int maxNum, long begin, long end);

    /** The role the store serves in now: a SLAVE refuses local writes and takes replicated bytes. */
    BrokerRole role();

    /**
     * Switches the store's role at runtime. To SLAVE: local writes are refused from the return on (appends in
     * progress have ended). From SLAVE to a master role (replication into it must have stopped): whole replicated
     * records are dispatched, a half-received one is cut, queue offsets continue from the consume queues. False when
     * the store cannot be made writable (then it stays a SLAVE).
     */
    boolean changeRole(BrokerRole newRole);

    long getMinPhyOffset();

    long getMaxPhyOffset();

    /** Physical offset up to which consume queues and index are built. */
    long dispatchedPhyOffset();

    /** Deletes the consume queues of topics not in {@code keep}. */
    void cleanUnusedTopics(Set<String> keep);

    /** Deletes the consume queues of these topics. */
    void deleteTopics(Set<String> topics);

    /**
     * Deletes the consume queues (and their offset counters) whose every message is gone from the CommitLog, the
     * delay queues excepted; returns how many were deleted (CLEAN_EXPIRED_CONSUMEQUEUE).
     */
    int cleanExpiredConsumeQueues();

    /** Up to {@code count} units of a queue from {@code index} with its bounds; null for an unknown queue. */
    QueueUnits queueUnits(String topic, int queueId, long index, int count);

    void setMessageArrivingListener(MessageArrivingListener listener);

    /**
     * Makes only records that end at or below {@code confirmed} readable by consumers (queued and indexed), for a
     * master whose in-sync replicas must hold what is read. Returns what to call when that offset moves on.
     */
    default Runnable limitDispatchTo(java.util.function.LongSupplier confirmed) {
        throw new UnsupportedOperationException("dispatch limits are not supported by " + getClass().getName());
    }

    /** Commit-log bytes written but not flushed to disk yet. */
    long unflushedBytes();

    /** Commit-log bytes not yet dispatched to the consume queues and the index. */
    long dispatchBehindBytes();

    /** Where put and flush latencies go (metrics); null stops reporting. */
    void setLatencyListener(StoreLatencyListener listener);

    /** True while appends are taking long enough that new sends should be turned away (flow control). */
    boolean isOSPageCacheBusy();

    /** True once a disk or IO problem makes the store refuse writes. */
    default boolean isWriteRefused() {
        return writeRefusal() != null;
    }

    /**
     * Why a disk or IO problem makes the store refuse writes (the disk's use and the threshold, or the operation
     * that failed), or null while it does not.
     */
    String writeRefusal();

    /** Runtime figures for GET_BROKER_RUNTIME_INFO (key to value, all strings). */
    java.util.Map<String, String> runtimeInfo();

    /** Running totals the broker samples into its rates (putTps, getFoundTps, ...). */
    StoreCounters counters();

    MessageStoreConfig config();

    /** The store's current time in ms (its injected clock; store timestamps and retention use it). */
    default long now() {
        return System.currentTimeMillis();
    }

    /**
     * Replication (master side): the stored bytes from {@code offset} to the end of the written part of the CommitLog
     * file holding it, or null when there is nothing there. Release it.
     */
    default SelectMappedBufferResult getCommitLogData(long offset) {
        throw new UnsupportedOperationException("replication is not supported by " + getClass().getName());
    }

    /**
     * Replication (slave side): appends raw CommitLog bytes verbatim at exactly the current max physical offset (into
     * an empty CommitLog: at any file boundary), rolling files like the master, then dispatches them like local
     * appends. Returns false, writing nothing, when {@code startOffset} is not where the log ends.
     */
    default boolean appendToCommitLog(long startOffset, byte[] data, int off, int len) {
        throw new UnsupportedOperationException("replication is not supported by " + getClass().getName());
    }

    /** Drops consume-queue units (and re-opens index coverage) for records at or after {@code phyOffset}. */
    default void truncateDirtyLogicFiles(long phyOffset) {
        throw new UnsupportedOperationException("truncation is not supported by " + getClass().getName());
    }

    /**
     * Diverged slave: cuts the CommitLog at {@code phyOffset} (a record boundary within [min, max]) together with
     * consume queues, index and queue offset counters. Returns false when the offset is out of range.
     */
    default boolean truncateCommitLog(long phyOffset) {
        throw new UnsupportedOperationException("truncation is not supported by " + getClass().getName());
    }
}
