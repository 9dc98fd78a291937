package io.tidemq.store;

import io.tidemq.common.message.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The consume queue of one topic and queue id: 20-byte units {@code (long phyOffset, int size, long tagsCode)}, unit
 * {@code n} at byte {@code n*20} (protocol.md 6.6). Written only by the dispatcher thread (or recovery); read by any
 * thread through held slices.
 */
final class ConsumeQueue {
    static final int UNIT_SIZE = 20;
    /** Size of a padding unit, written before the first real unit of a queue that starts mid-file. */
    static final int PAD_SIZE = Integer.MAX_VALUE;
    /** Queue offsets beyond this cannot be real (their byte position would overflow). */
    private static final long MAX_QUEUE_OFFSET = Long.MAX_VALUE / (4L * UNIT_SIZE);
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueue.class);

    /** One unit, as read. */
    record Unit(long phyOffset, int size, long tagsCode) {
        boolean isPadding() {
            return size == PAD_SIZE;
        }
    }

    private final String topic;
    private final int queueId;
    private final MappedFileQueue files;
    private final int unitsPerFile;
    private final ByteBuffer scratch = ByteBuffer.allocate(UNIT_SIZE);
    /** First unit whose CommitLog data still exists (after retention). */
    private volatile long minLogicOffset;
    /** End (offset + size) of the CommitLog record of the last unit, -1 when empty. */
    private volatile long maxPhysicOffset = -1;
    /**
     * Whether the queue's only unit started it afresh, with nothing yet to confirm the offset its record claims
     * (a field the 4.9 format has no checksum for).
     */
    private boolean startUnconfirmed;

    ConsumeQueue(String topic, int queueId, File dir, int fileSize) {
        this.topic = topic;
        this.queueId = queueId;
        this.files = new MappedFileQueue(dir, fileSize);
        this.unitsPerFile = fileSize / UNIT_SIZE;
    }

    String topic() {
        return topic;
    }

    int queueId() {
        return queueId;
    }

    MappedFileQueue files() {
        return files;
    }

    void load() throws IOException {
        files.load();
    }

    /**
     * Recovery: finds the end of the units, then drops units from the end while they are zero (torn) or point at or
     * past {@code truncatePhyOffset}, and zeroes what lies behind the new end.
     */
    void recover(long truncatePhyOffset, boolean abnormal) throws IOException {
        MappedFile last = files.last();
        if (last == null) {
            return;
        }
        int end = firstZeroUnit(last);
        last.setPositions(end, end);
        long scannedEnd = last.fileFromOffset() + end;
        long newEnd = scannedEnd;
        long start = files.minOffset();
        while (newEnd > start) {
            Unit u = unitAt(newEnd - UNIT_SIZE);
            if (u.size() > 0 && (u.isPadding() || u.phyOffset() < truncatePhyOffset)) {
                break;
            }
            newEnd -= UNIT_SIZE;
        }
        if (newEnd != scannedEnd || abnormal) {
            if (newEnd != scannedEnd) {
                LOG.info("consume queue {}-{}: dropping {} units past CommitLog offset {}", topic, queueId,
                        (scannedEnd - newEnd) / UNIT_SIZE, truncatePhyOffset);
            }
            files.truncateFrom(newEnd, true);
        }
        files.setFlushedWhere(newEnd);
        refreshMaxPhysicOffset();
    }

    /** Binary search for the first all-zero unit of a file (units are written in order, zeros after the end). */
    private int firstZeroUnit(MappedFile f) {
        ByteBuffer m = f.mapped();
        int lo = 0;
        int hi = unitsPerFile;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int p = mid * UNIT_SIZE;
            boolean zero = m.getLong(p) == 0 && m.getInt(p + 8) == 0 && m.getLong(p + 12) == 0;
            if (zero) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo * UNIT_SIZE;
    }

    /** Recovery/writer only: the unit at an absolute byte position (file must exist). */
    private Unit unitAt(long bytePos) {
        MappedFile f = files.findByOffset(bytePos);
        ByteBuffer m = f.mapped();
        int p = (int) (bytePos - f.fileFromOffset());
        return new Unit(m.getLong(p), m.getInt(p + 8), m.getLong(p + 12));
    }

    private void refreshMaxPhysicOffset() {
        long end = files.maxOffset();
        maxPhysicOffset = -1;
        for (long p = end - UNIT_SIZE; p >= files.minOffset() && p >= end - 2L * unitsPerFile * UNIT_SIZE;
             p -= UNIT_SIZE) {
            Unit u = unitAt(p);
            if (!u.isPadding() && u.size() > 0) {
                maxPhysicOffset = u.phyOffset() + u.size();
                return;
            }
        }
    }

    /**
     * Dispatcher only: writes the unit for {@code queueOffset}. A unit that already exists (re-dispatch after
     * recovery) is skipped. A queue's first unit may start anywhere (the file is padded up to it); in a queue that
     * has units, a record claiming an offset beyond the next one contradicts the queue and gets no unit (logged),
     * rather than padding an arbitrary gap. Returns true when the unit was written.
     */
    boolean putUnit(long queueOffset, long phyOffset, int size, long tagsCode) throws IOException {
        if (queueOffset < 0 || queueOffset > MAX_QUEUE_OFFSET) {
            LOG.error("consume queue {}-{}: record at {} has impossible queue offset {}; not dispatched", topic,
                    queueId, phyOffset, queueOffset);
            return false;
        }
        long expected = queueOffset * UNIT_SIZE;
        boolean noUnits = files.isEmpty() || files.maxOffset() == files.minOffset();
        if (noUnits && expected != files.maxOffset() && queueOffset > phyOffset / StoredRecord.MIN_RECORD_SIZE) {
            // A start the queue does not expect, and one no log could hold: queue offset n means n earlier records
            // of this queue lie before this one. Only damage in the record's unchecked fields says so.
            LOG.error("consume queue {}-{}: record at {} claims queue offset {}, more records than the CommitLog"
                    + " before it can hold; not dispatched", topic, queueId, phyOffset, queueOffset);
            return false;
        }
        if (startUnconfirmed && expected < files.maxOffset() - UNIT_SIZE) {
            // The lone unit that started the queue claimed an offset its successor contradicts: that one was
            // damaged. The queue starts again, from the record that follows it.
            LOG.error("consume queue {}-{}: record at {} claims queue offset {}, before the queue's start {} that no"
                    + " other record confirmed; the queue starts again from it", topic, queueId, phyOffset,
                    queueOffset, files.maxOffset() / UNIT_SIZE - 1);
            restart();
        } else if (!files.isEmpty() && files.maxOffset() == files.minOffset() && expected != files.maxOffset()) {
            // No unit at all (everything was truncated): the queue starts afresh where its first record says.
            restart();
        }
        boolean afresh = files.isEmpty();
        if (afresh) {
            MappedFile f = files.lastOrCreate(expected);
            for (long p = f.fileFromOffset(); p < expected; p += UNIT_SIZE) {
                writeUnit(p, 0, PAD_SIZE, 0);
            }
            if (expected > f.fileFromOffset()) {
                minLogicOffset = queueOffset;
            }
        }
        long max = files.maxOffset();
        if (expected < max) {
            return false;
        }
        if (expected > max) {
            LOG.error("consume queue {}-{}: record at {} claims queue offset {} but the queue ends at {}; not"
                    + " dispatched", topic, queueId, phyOffset, queueOffset, max / UNIT_SIZE);
            return false;
        }
        writeUnit(expected, phyOffset, size, tagsCode);
        maxPhysicOffset = phyOffset + size;
        startUnconfirmed = afresh && queueOffset > 0;
        return true;
    }

    private void restart() {
        files.destroy();
        minLogicOffset = 0;
        startUnconfirmed = false;
    }

    private void writeUnit(long bytePos, long phyOffset, int size, long tagsCode) throws IOException {
        MappedFile f = files.lastOrCreate(bytePos);
        scratch.putLong(0, phyOffset);
        scratch.putInt(8, size);
        scratch.putLong(12, tagsCode);
        f.append(scratch, 0, UNIT_SIZE);
    }

    /** Next queue offset to be dispatched (units written). */
    long maxOffset() {
        return files.maxOffset() / UNIT_SIZE;
    }

    /** First queue offset still present. */
    long minOffset() {
        return Math.max(minLogicOffset, files.minOffset() / UNIT_SIZE);
    }

    long maxPhysicOffset() {
        return maxPhysicOffset;
    }

    /** Held units from {@code queueOffset} to the end of its file's written part, or null when that file is gone. */
    SelectMappedBufferResult unitsFrom(long queueOffset) {
        long pos = queueOffset * UNIT_SIZE;
        MappedFile f = files.findByOffset(pos);
        return f == null ? null : f.selectToEnd((int) (pos - f.fileFromOffset()));
    }

    /**
     * The CommitLog offset of the unit at {@code queueOffset}; -1 when there is none, or it is padding or empty.
     * Allocates nothing (pulls and offset queries start here). Thread-safe.
     */
    long commitLogOffsetOf(long queueOffset) {
        if (queueOffset < 0) {
            return -1;
        }
        long pos = queueOffset * UNIT_SIZE;
        MappedFile f = files.findByOffset(pos);
        long v = f == null ? MappedFile.UNREADABLE
                : f.readHeld((int) (pos - f.fileFromOffset()), UNIT_SIZE, ConsumeQueue::usableOffsetAt);
        return v == MappedFile.UNREADABLE ? -1 : v;
    }

    private static long usableOffsetAt(ByteBuffer b, int p) {
        int size = b.getInt(p + 8);
        return size == PAD_SIZE || size <= 0 ? -1 : b.getLong(p);
    }

    /** The unit at {@code queueOffset}, or null. Thread-safe. */
    Unit unit(long queueOffset) {
        if (queueOffset < 0) {
            return null;
        }
        long pos = queueOffset * UNIT_SIZE;
        MappedFile f = files.findByOffset(pos);
        SelectMappedBufferResult r = f == null ? null : f.select((int) (pos - f.fileFromOffset()), UNIT_SIZE);
        if (r == null) {
            return null;
        }
        try {
            ByteBuffer b = r.buffer();
            return new Unit(b.getLong(0), b.getInt(8), b.getLong(12));
        } finally {
            r.release();
        }
    }

    /** First queue offset of the next file after the one holding {@code queueOffset}. */
    long rollNextFile(long queueOffset) {
        return queueOffset + unitsPerFile - queueOffset % unitsPerFile;
    }

    /**
     * Moves the min offset to the first unit whose record is at or after {@code minPhyOffset} (binary search: unit
     * offsets grow with queue offsets).
     */
    void correctMinOffset(long minPhyOffset) {
        long lo = minOffset();
        long hi = maxOffset();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            Unit u = unit(mid);
            boolean before = u == null || u.isPadding() || u.size() <= 0 || u.phyOffset() < minPhyOffset;
            if (before) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > minLogicOffset) {
            minLogicOffset = lo;
        }
    }

    /** Deletes leading files whose every unit points before {@code minPhyOffset} (never the last). */
    int deleteExpiredFiles(long minPhyOffset) {
        MappedFile[] fs = files.snapshot();
        int n = 0;
        for (int i = 0; i < fs.length - 1; i++) {
            Unit lastUnit = unit((fs[i].fileFromOffset() + fs[i].fileSize() - UNIT_SIZE) / UNIT_SIZE);
            if (lastUnit == null || lastUnit.isPadding() || lastUnit.phyOffset() >= minPhyOffset) {
                break;
            }
            n++;
        }
        int deleted = files.deleteFirst(n);
        correctMinOffset(minPhyOffset);
        return deleted;
    }

    /**
     * Writer only (dispatch stopped): drops every unit pointing at or past {@code phyOffset}; the bytes are zeroed.
     */
    void truncateFrom(long phyOffset) throws IOException {
        long end = files.maxOffset();
        long start = files.minOffset();
        long newEnd = end;
        while (newEnd > start) {
            Unit u = unitAt(newEnd - UNIT_SIZE);
            if (u.size() > 0 && (u.isPadding() || u.phyOffset() < phyOffset)) {
                break;
            }
            newEnd -= UNIT_SIZE;
        }
        if (newEnd != end) {
            files.truncateFrom(newEnd, false);
            refreshMaxPhysicOffset();
            if (minLogicOffset > newEnd / UNIT_SIZE) {
                minLogicOffset = newEnd / UNIT_SIZE;
            }
        }
    }

    void flush() {
        files.flush(0);
    }

    void close() {
        files.close();
    }

    /** Deletes every file, the queue directory and, when it became empty, the topic directory. */
    void destroy() {
        files.destroy();
        File topicDir = files.dir().getParentFile();
        String[] left = topicDir == null ? null : topicDir.list();
        if (left != null && left.length == 0 && !topicDir.delete()) {
            LOG.debug("topic directory {} not removed", topicDir);
        }
    }
}
