package io.tidemq.store;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * The {@code checkpoint} file (4096 bytes, one page, so a sync writes it whole). The first 24 bytes are RocketMQ's
 * three timestamps (physic, logics, index); after them we keep a magic and two offsets that make recovery exact:
 * the CommitLog offset known flushed, and the offset up to which consume queues and index were flushed.
 * Updated by the logic flush service; thread-safe.
 */
final class StoreCheckpoint {
    static final int SIZE = 4096;
    private static final long MAGIC = 0x5449_4445_4D51_4350L;

    private final FileChannel channel;
    private final MappedByteBuffer mapped;
    private long physicMsgTimestamp;
    private long logicsMsgTimestamp;
    private long indexMsgTimestamp;
    private long physicFlushedOffset;
    private long dispatchedFlushedOffset;
    private boolean hasOffsets;

    StoreCheckpoint(File file) throws IOException {
        this.channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
        physicMsgTimestamp = mapped.getLong(0);
        logicsMsgTimestamp = mapped.getLong(8);
        indexMsgTimestamp = mapped.getLong(16);
        hasOffsets = mapped.getLong(24) == MAGIC;
        if (hasOffsets) {
            physicFlushedOffset = mapped.getLong(32);
            dispatchedFlushedOffset = mapped.getLong(40);
        }
    }

    /** True when the file carries our offsets (not empty, not written by another implementation). */
    synchronized boolean hasOffsets() {
        return hasOffsets;
    }

    /**
     * True for a checkpoint written by another implementation (Apache RocketMQ): timestamps but none of our
     * offsets. A fresh or wiped checkpoint (all zero) is not foreign.
     */
    synchronized boolean isForeign() {
        return !hasOffsets && (physicMsgTimestamp != 0 || logicsMsgTimestamp != 0 || indexMsgTimestamp != 0);
    }

    synchronized long physicFlushedOffset() {
        return physicFlushedOffset;
    }

    synchronized long dispatchedFlushedOffset() {
        return dispatchedFlushedOffset;
    }

    synchronized long logicsMsgTimestamp() {
        return logicsMsgTimestamp;
    }

    /** Records a durable state and syncs the file. */
    synchronized void save(long physicFlushed, long dispatchedFlushed, long lastTimestamp) {
        physicFlushedOffset = physicFlushed;
        dispatchedFlushedOffset = dispatchedFlushed;
        if (lastTimestamp > 0) {
            physicMsgTimestamp = lastTimestamp;
            logicsMsgTimestamp = lastTimestamp;
            indexMsgTimestamp = lastTimestamp;
        }
        hasOffsets = true;
        mapped.putLong(0, physicMsgTimestamp);
        mapped.putLong(8, logicsMsgTimestamp);
        mapped.putLong(16, indexMsgTimestamp);
        mapped.putLong(24, MAGIC);
        mapped.putLong(32, physicFlushedOffset);
        mapped.putLong(40, dispatchedFlushedOffset);
        mapped.force();
    }

    synchronized void close() {
        Unmapper.unmap(mapped);
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a checkpoint we are closing
        }
    }
}
