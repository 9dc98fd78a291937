package io.tidemq.store;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Reads messages through consume queues with the semantics of protocol.md 4.3 (statuses, next offsets, batch
 * limits, two filter stages) and 4.9 (offset by time). Stateless apart from configuration; thread-safe.
 */
final class QueueReader {
    /** How many units per requested message a record-reading filter may scan (1 in 256 still fills a batch). */
    private static final int SPARSE_SCAN_FACTOR = 256;

    private final TransferConfig transfer;
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final LongSupplier physicalMemory;
    private final BooleanSupplier keepsRequestedOffset;

    /** {@code keepsRequestedOffset}: a slave without offsetCheckInSlave answers an out-of-range pull as asked. */
    QueueReader(TransferConfig transfer, CommitLog commitLog, ConsumeQueueTable queues, LongSupplier physicalMemory,
                BooleanSupplier keepsRequestedOffset) {
        this.transfer = transfer;
        this.keepsRequestedOffset = keepsRequestedOffset;
        this.commitLog = commitLog;
        this.queues = queues;
        this.physicalMemory = physicalMemory;
    }

    GetMessageResult getMessage(String topic, int queueId, long offset, int maxMsgNums, MessageFilter filter) {
        GetMessageResult result = new GetMessageResult();
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            result.setStatus(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
            result.setNextBeginOffset(correct(offset, 0));
            return result;
        }
        long min = cq.minOffset();
        long max = cq.maxOffset();
        result.setMinOffset(min);
        result.setMaxOffset(max);
        if (max == 0) {
            result.setStatus(GetMessageStatus.NO_MESSAGE_IN_QUEUE);
            result.setNextBeginOffset(correct(offset, 0));
        } else if (offset < min) {
            result.setStatus(GetMessageStatus.OFFSET_TOO_SMALL);
            result.setNextBeginOffset(correct(offset, min));
        } else if (offset == max) {
            result.setStatus(GetMessageStatus.OFFSET_OVERFLOW_ONE);
            result.setNextBeginOffset(correct(offset, offset));
        } else if (offset > max) {
            result.setStatus(GetMessageStatus.OFFSET_OVERFLOW_BADLY);
            result.setNextBeginOffset(correct(offset, min == 0 ? min : max));
        } else {
            readUnits(cq, offset, maxMsgNums, filter == null ? MessageFilter.ALL : filter, result);
        }
        return result;
    }

    private void readUnits(ConsumeQueue cq, long offset, int maxMsgNums, MessageFilter filter,
                           GetMessageResult result) {
        SelectMappedBufferResult units = cq.unitsFrom(offset);
        if (units == null) {
            result.setStatus(GetMessageStatus.OFFSET_FOUND_NULL);
            result.setNextBeginOffset(correct(offset, cq.rollNextFile(offset)));
            return;
        }
        GetMessageStatus status = GetMessageStatus.NO_MATCHED_MESSAGE;
        long maxPhy = commitLog.maxOffset();
        long lastPhyRead = -1;
        long skipBelow = Long.MIN_VALUE;
        int maxScan = Math.max(16000, maxMsgNums * ConsumeQueue.UNIT_SIZE
                * (filter.readsRecords() ? SPARSE_SCAN_FACTOR : 1));
        int i = 0;
        try {
            ByteBuffer b = units.buffer();
            int size = units.size();
            for (; i + ConsumeQueue.UNIT_SIZE <= size && i < maxScan; i += ConsumeQueue.UNIT_SIZE) {
                long phy = b.getLong(i);
                int len = b.getInt(i + 8);
                long tagsCode = b.getLong(i + 12);
                if (len <= 0 || len == ConsumeQueue.PAD_SIZE) {
                    continue;
                }
                lastPhyRead = phy;
                if (skipBelow != Long.MIN_VALUE && phy < skipBelow) {
                    continue;
                }
                boolean inDisk = maxPhy - phy > memoryBudget();
                if (isBatchFull(len, maxMsgNums, result.bufferTotalSize(), result.messageCount(), inDisk)) {
                    break;
                }
                if (!filter.isMatchedByConsumeQueue(tagsCode)) {
                    continue;
                }
                SelectMappedBufferResult msg = commitLog.read(phy, len);
                if (msg == null) {
                    if (result.messageCount() == 0) {
                        status = GetMessageStatus.MESSAGE_WAS_REMOVING;
                    }
                    skipBelow = commitLog.rollNextFile(phy);
                    continue;
                }
                if (filter != MessageFilter.ALL && !filter.isMatchedByCommitLog(msg.buffer().duplicate(), null)) {
                    msg.release();
                    continue;
                }
                result.addMessage(msg, offset + i / ConsumeQueue.UNIT_SIZE);
                status = GetMessageStatus.FOUND;
                skipBelow = Long.MIN_VALUE;
            }
        } finally {
            units.release();
        }
        result.setStatus(status);
        result.setNextBeginOffset(offset + i / ConsumeQueue.UNIT_SIZE);
        result.setSuggestPullingFromSlave(lastPhyRead >= 0 && maxPhy - lastPhyRead > memoryBudget());
    }

    private long memoryBudget() {
        return (long) (physicalMemory.getAsLong() * (transfer.getAccessMessageInMemoryMaxRatio() / 100.0));
    }

    private boolean isBatchFull(int sizePy, int maxMsgNums, int bufferTotal, int messageTotal, boolean inDisk) {
        if (bufferTotal == 0 || messageTotal == 0) {
            return false;
        }
        if (messageTotal >= maxMsgNums) {
            return true;
        }
        if (inDisk) {
            return bufferTotal + sizePy > transfer.getMaxTransferBytesOnMessageInDisk()
                    || messageTotal > transfer.getMaxTransferCountOnMessageInDisk() - 1;
        }
        return bufferTotal + sizePy > transfer.getMaxTransferBytesOnMessageInMemory()
                || messageTotal > transfer.getMaxTransferCountOnMessageInMemory() - 1;
    }

    /** A slave keeps the requested offset unless offsetCheckInSlave; a master corrects it. */
    private long correct(long oldOffset, long newOffset) {
        return keepsRequestedOffset.getAsBoolean() ? oldOffset : newOffset;
    }

    /** Physical offset of the unit at {@code queueOffset}, or -1. */
    long commitLogOffset(String topic, int queueId, long queueOffset) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? -1 : cq.commitLogOffsetOf(queueOffset);
    }

    /** Store time of the message at {@code queueOffset}, or -1. */
    long storeTime(String topic, int queueId, long queueOffset) {
        long phy = commitLogOffset(topic, queueId, queueOffset);
        return phy < 0 ? -1 : commitLog.storeTimestampAt(phy);
    }

    /**
     * Queue offset by store time (protocol.md 4.9): first exact match; else the closer neighbour (ties: earlier);
     * all later: the first entry; all earlier: the last entry; empty or unknown queue: 0.
     */
    long offsetByTime(String topic, int queueId, long timestamp) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null || cq.maxOffset() == 0) {
            return 0;
        }
        long lo = cq.minOffset();
        long hi = cq.maxOffset();
        if (lo >= hi) {
            return 0;
        }
        long first = lo;
        long last = hi - 1;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            long t = storeTime(topic, queueId, mid);
            if (t >= 0 && t < timestamp) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > last) {
            return last;
        }
        long atOrAfter = storeTime(topic, queueId, lo);
        if (atOrAfter == timestamp || lo == first) {
            return lo;
        }
        long before = storeTime(topic, queueId, lo - 1);
        return timestamp - before <= atOrAfter - timestamp ? lo - 1 : lo;
    }

    /** Read on first use: the management bean behind it costs tens of milliseconds of boot time. */
    private static final class PhysicalMemory {
        static final long BYTES = readPhysicalMemory();
    }

    /** This machine's memory in bytes (8 GiB when it cannot be read); read once, on first use. */
    static long physicalMemory() {
        return PhysicalMemory.BYTES;
    }

    private static long readPhysicalMemory() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return 8L << 30;
        }
    }
}
