package io.tidemq.store;

import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;

/**
 * The append-only, segmented CommitLog: records (protocol.md 6.1) in fixed-size memory-mapped files addressed by a
 * global physical offset. A record never spans files: when one does not fit, the rest of the file gets the blank
 * marker and the record goes to the next file.
 *
 * <p>Appends (single, batch, raw replication bytes) are serialized by one lock; encoding happens before it, so the
 * lock covers only offset assignment and a memory copy. Reads are lock-free and may run on any thread.
 */
final class CommitLog {
    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);

    private final MessageStoreConfig config;
    private final MappedFileQueue files;
    private final PutLock putLock;
    private final QueueOffsetTable queueOffsets = new QueueOffsetTable();
    private final StoreHealth health;
    private final ThreadLocal<RecordEncoder> encoders;
    /** Append through write(2) rather than the mapping (SYNC_FLUSH, or when configured). */
    private final boolean writeThroughChannel;
    /** Store time of the newest appended record. */
    private volatile long lastAppendTimestamp;
    /** Cleared under the lock at shutdown, so no append can slip in after the final flush. */
    private volatile boolean accepting = true;

    CommitLog(MessageStoreConfig config, Clock clock, StoreHealth health) {
        this.config = config;
        this.files = new MappedFileQueue(new File(config.commitLogDir()), config.getMappedFileSizeCommitLog());
        this.putLock = new PutLock(clock);
        this.health = health;
        int max = config.getMaxMessageSize();
        this.encoders = ThreadLocal.withInitial(() -> new RecordEncoder(max));
        this.writeThroughChannel = config.flush().getFlushDiskType() == FlushDiskType.SYNC_FLUSH
                || config.flush().isAppendThroughFileChannel();
    }

    MappedFileQueue files() {
        return files;
    }

    PutLock putLock() {
        return putLock;
    }

    /** Must be used with {@link #putLock()} held (or before the store starts). */
    QueueOffsetTable queueOffsets() {
        return queueOffsets;
    }

    int fileSize() {
        return files.fileSize();
    }

    /**
     * Appends a message or a whole batch ({@link MessageExtBatch}) under one lock acquisition. Thread-safe. Returns
     * PUT_OK with where it landed, or a refusal (MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED, DISK_FULL,
     * SERVICE_NOT_AVAILABLE); nothing is written for a refused message.
     */
    PutMessageResult append(MessageExtBrokerInner msg) {
        RecordEncoder enc = encoders.get();
        try {
            PutMessageStatus bad = msg instanceof MessageExtBatch batch ? enc.encodeBatch(batch) : enc.encode(msg);
            if (bad != null) {
                return PutMessageResult.of(bad);
            }
            int total = enc.totalBytes();
            if (total + StoredRecord.BLANK_MARKER_SIZE > files.fileSize()) {
                return PutMessageResult.of(PutMessageStatus.MESSAGE_ILLEGAL);
            }
            String topic = msg.getTopic();
            int queueId = msg.getQueueId();
            long wroteOffset;
            long queueOffset;
            long storeTimestamp = putLock.lock();
            try {
                if (!accepting) {
                    return PutMessageResult.of(PutMessageStatus.SERVICE_NOT_AVAILABLE);
                }
                MappedFile mf = writableFile(total);
                if (mf == null) {
                    return PutMessageResult.of(health.isDiskFull() ? PutMessageStatus.DISK_FULL
                            : PutMessageStatus.SERVICE_NOT_AVAILABLE);
                }
                wroteOffset = mf.fileFromOffset() + mf.wrotePosition();
                queueOffset = enc.consumable() ? queueOffsets.next(topic, queueId) : 0;
                enc.patch(wroteOffset, queueOffset, storeTimestamp);
                try {
                    if (writeThroughChannel) {
                        mf.write(enc.buffer(), 0, total);
                    } else {
                        mf.append(enc.buffer(), 0, total);
                    }
                } catch (InternalError e) {
                    // A write fault on a mapped page: the file system could not back it (disk full).
                    health.markDiskFull("write to " + mf.file() + " faulted: " + e.getMessage());
                    return PutMessageResult.of(PutMessageStatus.DISK_FULL);
                } catch (IOException e) {
                    return PutMessageResult.of(refuseAfterWriteFailure(mf, total, e));
                }
                if (enc.consumable()) {
                    queueOffsets.set(topic, queueId, queueOffset + enc.count());
                }
                lastAppendTimestamp = storeTimestamp;
            } finally {
                putLock.unlock();
            }
            AppendMessageResult r = new AppendMessageResult(wroteOffset, total, enc.msgIds(wroteOffset),
                    storeTimestamp, queueOffset, enc.count());
            return new PutMessageResult(PutMessageStatus.PUT_OK, r);
        } finally {
            enc.trim();
        }
    }

    /** Under the lock: marks the store disk full (too little space for {@code bytes}) or failed, and says which. */
    private PutMessageStatus refuseAfterWriteFailure(MappedFile mf, int bytes, IOException e) {
        long usable = mf.file().getUsableSpace();
        if (usable < Math.max(bytes, MappedFile.PAGE_SIZE) * 2L) {
            health.markDiskFull("no space left for the CommitLog in " + mf.file().getParent() + " (" + usable
                    + " bytes usable): " + e.getMessage());
            return PutMessageStatus.DISK_FULL;
        }
        health.markIoError("write to " + mf.file() + " failed", e);
        return PutMessageStatus.SERVICE_NOT_AVAILABLE;
    }

    /** Under the lock: the file that can take {@code total} more bytes, rolling (blank marker) when needed. */
    private MappedFile writableFile(int total) {
        MappedFile mf = files.last();
        if (mf != null && !mf.isFull() && mf.remaining() >= total + StoredRecord.BLANK_MARKER_SIZE) {
            return mf;
        }
        File dir = files.dir();
        if (mf != null && !mf.isFull()) {
            try {
                mf.appendBlankMarker(StoredRecord.BLANK_MAGIC);
            } catch (IOException e) {
                refuseAfterWriteFailure(mf, StoredRecord.BLANK_MARKER_SIZE, e);
                return null;
            }
        }
        long usable = dir.exists() ? dir.getUsableSpace() : Long.MAX_VALUE;
        if (usable < files.fileSize()) {
            health.markDiskFull("only " + usable + " bytes left in " + dir + " for a new "
                    + files.fileSize() + "-byte CommitLog file");
            return null;
        }
        try {
            return files.lastOrCreate(0);
        } catch (IOException | RuntimeException e) {
            health.markIoError("cannot create a CommitLog file in " + dir, e);
            return null;
        }
    }

    /**
     * Replication: appends raw CommitLog bytes at exactly the current end (or, into an empty log, at a file
     * boundary), rolling files at the same places as the source. False when {@code startOffset} is not the end.
     * Thread-safe.
     */
    boolean appendRaw(long startOffset, byte[] data, int off, int len) {
        putLock.lock();
        try {
            if (!accepting) {
                return false;
            }
            if (files.isEmpty() ? startOffset % files.fileSize() != 0 : startOffset != files.maxOffset()) {
                return false;
            }
            long at = startOffset;
            while (len > 0) {
                MappedFile mf;
                try {
                    mf = files.lastOrCreate(at);
                } catch (IOException e) {
                    health.markIoError("cannot create a CommitLog file in " + files.dir(), e);
                    return false;
                }
                int n = Math.min(len, mf.remaining());
                try {
                    mf.append(data, off, n);
                } catch (IOException e) {
                    refuseAfterWriteFailure(mf, n, e);
                    return false;
                }
                off += n;
                len -= n;
                at += n;
            }
            return true;
        } finally {
            putLock.unlock();
        }
    }

    /** A held slice of {@code size} bytes at {@code offset} within one file's written part, or null. */
    SelectMappedBufferResult read(long offset, int size) {
        MappedFile mf = files.findByOffset(offset);
        return mf == null ? null : mf.select((int) (offset - mf.fileFromOffset()), size);
    }

    /** A held slice from {@code offset} to the end of the written part of its file, or null. */
    SelectMappedBufferResult readToFileEnd(long offset) {
        MappedFile mf = files.findByOffset(offset);
        return mf == null ? null : mf.selectToEnd((int) (offset - mf.fileFromOffset()));
    }

    /** The whole record at {@code offset} (length read from it, magic checked), or null. */
    SelectMappedBufferResult readRecord(long offset) {
        SelectMappedBufferResult head = read(offset, 8);
        if (head == null) {
            return null;
        }
        int size;
        int magic;
        try {
            size = head.buffer().getInt(0);
            magic = head.buffer().getInt(4);
        } finally {
            head.release();
        }
        if (magic != StoredRecord.MESSAGE_MAGIC || size < StoredRecord.MIN_RECORD_SIZE) {
            return null;
        }
        return read(offset, size);
    }

    /** Store time of the record at {@code offset}, or -1. Reads in place: offset-by-time searches call it often. */
    long storeTimestampAt(long offset) {
        MappedFile mf = files.findByOffset(offset);
        if (mf == null) {
            return -1;
        }
        long t = mf.readHeld((int) (offset - mf.fileFromOffset()), StoredRecord.MIN_RECORD_SIZE,
                CommitLog::storeTimestampIn);
        return t == MappedFile.UNREADABLE ? -1 : t;
    }

    /** The store time of the record at {@code p}, or -1 when no record starts there (magic, length checked). */
    private static long storeTimestampIn(ByteBuffer b, int p) {
        if (b.getInt(p + 4) != StoredRecord.MESSAGE_MAGIC || b.getInt(p) < StoredRecord.MIN_RECORD_SIZE) {
            return -1;
        }
        return b.getLong(p + StoredRecord.storeTimestampPos(b.getInt(p + StoredRecord.SYS_FLAG_POS)));
    }

    /** Physical offset of the first byte still stored (0 for an empty log). */
    long minOffset() {
        return files.minOffset();
    }

    /** Physical offset just past the last written byte. */
    long maxOffset() {
        return files.maxOffset();
    }

    long flushedOffset() {
        return files.flushedWhere();
    }

    long lastAppendTimestamp() {
        return lastAppendTimestamp;
    }

    /** Start of the file after the one containing {@code offset}. */
    long rollNextFile(long offset) {
        return offset + files.fileSize() - offset % files.fileSize();
    }

    /** Flushes everything written; returns the flushed offset. */
    long flushAll() {
        return files.flush(0);
    }

    /**
     * Cuts the log at {@code offset} (a record boundary) while the store runs: callers stop dispatch and hold no
     * reference to the removed bytes' meaning; readers holding slices keep valid (zeroed) memory.
     */
    void truncateTo(long offset) throws IOException {
        putLock.lock();
        try {
            LOG.warn("truncating the CommitLog from {} to {}", files.maxOffset(), offset);
            files.truncateFrom(offset, false);
        } finally {
            putLock.unlock();
        }
    }

    /** Waits for an append in progress and refuses every later one. */
    void stopAppends() {
        putLock.lock();
        accepting = false;
        putLock.unlock();
    }

    void close() {
        files.close();
    }

    void destroy() {
        files.destroy();
    }
}
