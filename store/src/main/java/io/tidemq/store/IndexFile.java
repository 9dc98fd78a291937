package io.tidemq.store;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One index file (protocol.md 6.7): a 40-byte header, {@code slots} hash slots holding the newest entry number of
 * their chain, and {@code maxIndex} 20-byte entries {@code (int keyHash, long phyOffset, int timeDiffSeconds,
 * int prevEntry)}. Entry numbers start at 1 (0 ends a chain). Not thread-safe: {@link IndexService} guards it.
 */
final class IndexFile {
    static final int HEADER_SIZE = 40;
    static final int ENTRY_SIZE = 20;

    private final MappedFile file;
    private final int slots;
    private final int maxIndex;
    private long beginTimestamp;
    private long endTimestamp;
    private long beginPhyOffset;
    private long endPhyOffset;
    private int hashSlotCount;
    private int indexCount = 1;
    private boolean dirty;
    /** Whether the header and slots have blocks on disk (done before the first put; see MappedFile.ensureBacked). */
    private boolean slotsBacked;

    private IndexFile(MappedFile file, int slots, int maxIndex) {
        this.file = file;
        this.slots = slots;
        this.maxIndex = maxIndex;
    }

    static long fileSize(int slots, int maxIndex) {
        return HEADER_SIZE + 4L * slots + (long) ENTRY_SIZE * maxIndex;
    }

    /** Opens an existing file (reading its header) or creates an empty one. */
    static IndexFile open(File f, int slots, int maxIndex) throws IOException {
        MappedFile m = MappedFile.open(f, (int) fileSize(slots, maxIndex));
        IndexFile idx = new IndexFile(m, slots, maxIndex);
        ByteBuffer b = m.mapped();
        idx.beginTimestamp = b.getLong(0);
        idx.endTimestamp = b.getLong(8);
        idx.beginPhyOffset = b.getLong(16);
        idx.endPhyOffset = b.getLong(24);
        idx.hashSlotCount = b.getInt(32);
        idx.indexCount = Math.max(1, Math.min(b.getInt(36), maxIndex));
        return idx;
    }

    File file() {
        return file.file();
    }

    boolean isFull() {
        return indexCount >= maxIndex;
    }

    boolean isEmpty() {
        return indexCount <= 1;
    }

    long beginTimestamp() {
        return beginTimestamp;
    }

    long endTimestamp() {
        return endTimestamp;
    }

    long beginPhyOffset() {
        return beginPhyOffset;
    }

    long endPhyOffset() {
        return endPhyOffset;
    }

    int indexCount() {
        return indexCount;
    }

    static int keyHash(String key) {
        int h = Math.abs(key.hashCode());
        return h < 0 ? 0 : h;
    }

    /** Adds an entry; false when the file is full; an IOException (disk full) before anything is written. */
    boolean put(String key, long phyOffset, long storeTimestamp) throws IOException {
        if (isFull()) {
            return false;
        }
        if (!slotsBacked) {
            file.ensureBackedKeepingContent(0, HEADER_SIZE + slots * 4);
            slotsBacked = true;
        }
        file.ensureBacked(entryPos(indexCount), entryPos(indexCount) + ENTRY_SIZE);
        ByteBuffer b = file.mapped();
        int hash = keyHash(key);
        int slotPos = HEADER_SIZE + (hash % slots) * 4;
        int head = b.getInt(slotPos);
        if (head <= 0 || head >= indexCount) {
            head = 0;
        }
        if (isEmpty()) {
            // entries keep their time as seconds after the file's first one; a first record whose unchecked time
            // field was damaged to a negative value would put every later entry's time before 1970, out of any
            // query's range, so the base is never below 0
            beginTimestamp = Math.max(0, storeTimestamp);
            endTimestamp = beginTimestamp;
            beginPhyOffset = phyOffset;
        }
        long diff = (storeTimestamp - beginTimestamp) / 1000;
        int timeDiff = (int) Math.max(0, Math.min(Integer.MAX_VALUE, diff));
        int entryPos = entryPos(indexCount);
        b.putInt(entryPos, hash);
        b.putLong(entryPos + 4, phyOffset);
        b.putInt(entryPos + 12, timeDiff);
        b.putInt(entryPos + 16, head);
        b.putInt(slotPos, indexCount);
        if (head == 0) {
            hashSlotCount++;
        }
        indexCount++;
        // the newest time seen, not the last one: a clock stepped back (or a record whose unchecked time field was
        // damaged) must not shrink the file's time range, or queries would skip the whole file
        endTimestamp = Math.max(endTimestamp, storeTimestamp);
        endPhyOffset = phyOffset;
        writeHeader(b);
        dirty = true;
        return true;
    }

    private int entryPos(int n) {
        return HEADER_SIZE + slots * 4 + n * ENTRY_SIZE;
    }

    private void writeHeader(ByteBuffer b) {
        b.putLong(0, beginTimestamp);
        b.putLong(8, endTimestamp);
        b.putLong(16, beginPhyOffset);
        b.putLong(24, endPhyOffset);
        b.putInt(32, hashSlotCount);
        b.putInt(36, indexCount);
    }

    /**
     * Keeps only the entries that point before {@code phyOffset} (entries are appended in CommitLog order, so they
     * are a prefix) and repoints every hash slot whose chain began past them at its newest kept entry. Entries a
     * crash left half-written past the header's count are ignored the same way. Returns how many entries went.
     */
    int truncateTo(long phyOffset) {
        ByteBuffer b = file.mapped();
        int kept = indexCount;
        while (kept > 1 && b.getLong(entryPos(kept - 1) + 4) >= phyOffset) {
            kept--;
        }
        int dropped = indexCount - kept;
        for (int slot = 0; slot < slots; slot++) {
            int pos = HEADER_SIZE + slot * 4;
            int head = b.getInt(pos);
            if (head < kept) {
                continue;
            }
            int n = head;
            while (n >= kept && n < maxIndex) {
                int prev = b.getInt(entryPos(n) + 16);
                n = prev < n ? prev : 0;
            }
            if (n >= maxIndex || n < 0) {
                n = 0;
            }
            b.putInt(pos, n);
            if (n == 0 && head != 0) {
                hashSlotCount = Math.max(0, hashSlotCount - 1);
            }
        }
        indexCount = kept;
        endPhyOffset = kept > 1 ? b.getLong(entryPos(kept - 1) + 4) : beginPhyOffset;
        writeHeader(b);
        dirty = true;
        return dropped;
    }

    /**
     * Adds to {@code out} the physical offsets of entries for {@code key} stored within [begin, end] ms, until
     * {@code out} holds {@code maxNum}.
     */
    void collect(String key, int maxNum, long begin, long end, List<Long> out) {
        ByteBuffer b = file.mapped();
        int hash = keyHash(key);
        int n = b.getInt(HEADER_SIZE + (hash % slots) * 4);
        int steps = 0;
        while (n > 0 && n < indexCount && out.size() < maxNum && steps++ < indexCount) {
            int p = entryPos(n);
            long time = beginTimestamp + b.getInt(p + 12) * 1000L;
            if (b.getInt(p) == hash && time >= begin - 999 && time <= end) {
                out.add(b.getLong(p + 4));
            }
            int prev = b.getInt(p + 16);
            if (prev >= n) {
                break;
            }
            n = prev;
        }
    }

    void flush() {
        if (dirty) {
            dirty = false;
            file.forceAll();
        }
    }

    void close() {
        file.close();
    }

    void destroy() {
        file.destroy();
    }
}
