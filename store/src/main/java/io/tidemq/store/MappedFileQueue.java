package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * An ordered run of equally sized {@link MappedFile}s forming one logical byte space (file {@code i+1} starts where
 * file {@code i} ends). The file list is an immutable array swapped on change, so look-ups are lock-free; changes
 * (roll, delete, truncate) are synchronized and rare.
 */
final class MappedFileQueue {
    private static final Logger LOG = LoggerFactory.getLogger(MappedFileQueue.class);
    private static final MappedFile[] NONE = new MappedFile[0];

    private final File dir;
    private final int fileSize;
    private volatile MappedFile[] files = NONE;
    /** Absolute offset up to which everything is on disk. */
    private volatile long flushedWhere;

    MappedFileQueue(File dir, int fileSize) {
        this.dir = dir;
        this.fileSize = fileSize;
    }

    File dir() {
        return dir;
    }

    int fileSize() {
        return fileSize;
    }

    /**
     * Maps every file of the directory, checking that only the last may be short and that they are contiguous.
     * Positions are set to "full"; recovery then finds the real end.
     *
     * @throws StoreCorruptionException when a file has a foreign size or a file is missing in the middle
     */
    synchronized void load() throws IOException {
        File[] listed = dir.listFiles((d, name) -> name.length() == 20 && name.chars().allMatch(Character::isDigit));
        if (listed == null || listed.length == 0) {
            return;
        }
        Arrays.sort(listed, (a, b) -> a.getName().compareTo(b.getName()));
        MappedFile[] loaded = new MappedFile[listed.length];
        try {
            for (int i = 0; i < listed.length; i++) {
                File f = listed[i];
                long len = f.length();
                boolean last = i == listed.length - 1;
                if (len > fileSize || (!last && len != fileSize)) {
                    throw new StoreCorruptionException(f + " has " + len + " bytes but files of this store have "
                            + fileSize + " (was the file size setting changed?)");
                }
                long from = Long.parseLong(f.getName());
                if (from % fileSize != 0 || (i > 0 && from != loaded[i - 1].fileFromOffset() + fileSize)) {
                    throw new StoreCorruptionException(f + " does not follow the previous file (expected "
                            + (i > 0 ? MappedFile.fileName(loaded[i - 1].fileFromOffset() + fileSize) : "an offset"
                            + " aligned to " + fileSize) + "); files are missing or foreign");
                }
                loaded[i] = MappedFile.open(f, fileSize);
                loaded[i].setPositions(fileSize, fileSize);
            }
        } catch (IOException | RuntimeException e) {
            for (MappedFile m : loaded) {
                if (m != null) {
                    m.close();
                }
            }
            throw e;
        }
        files = loaded;
    }

    MappedFile[] snapshot() {
        return files;
    }

    boolean isEmpty() {
        return files.length == 0;
    }

    MappedFile first() {
        MappedFile[] f = files;
        return f.length == 0 ? null : f[0];
    }

    MappedFile last() {
        MappedFile[] f = files;
        return f.length == 0 ? null : f[f.length - 1];
    }

    /**
     * Writer only: the file to append to, creating the first one (at {@code startOffset} rounded down to a file
     * boundary) or the next one when the last is full.
     */
    MappedFile lastOrCreate(long startOffset) throws IOException {
        MappedFile last = last();
        if (last == null) {
            return create(startOffset - startOffset % fileSize);
        }
        if (last.isFull()) {
            return create(last.fileFromOffset() + fileSize);
        }
        return last;
    }

    private synchronized MappedFile create(long from) throws IOException {
        if (!dir.exists() && !dir.mkdirs() && !dir.exists()) {
            throw new IOException("cannot create directory " + dir);
        }
        MappedFile f = MappedFile.open(new File(dir, MappedFile.fileName(from)), fileSize);
        MappedFile[] cur = files;
        MappedFile[] next = Arrays.copyOf(cur, cur.length + 1);
        next[cur.length] = f;
        files = next;
        if (cur.length == 0) {
            flushedWhere = from;
        }
        return f;
    }

    /** The file whose range contains {@code offset}, or null. Lock-free. */
    MappedFile findByOffset(long offset) {
        MappedFile[] f = files;
        if (f.length == 0) {
            return null;
        }
        long first = f[0].fileFromOffset();
        if (offset < first) {
            return null;
        }
        long idx = (offset - first) / fileSize;
        if (idx >= f.length) {
            return null;
        }
        MappedFile m = f[(int) idx];
        return offset < m.fileFromOffset() + fileSize ? m : null;
    }

    /** Start of the first file, or 0 when there is none. */
    long minOffset() {
        MappedFile f = first();
        return f == null ? 0 : f.fileFromOffset();
    }

    /** End of the written data: last file start + its wrote position (0 when empty). */
    long maxOffset() {
        MappedFile f = last();
        return f == null ? 0 : f.fileFromOffset() + f.wrotePosition();
    }

    long flushedWhere() {
        return flushedWhere;
    }

    void setFlushedWhere(long offset) {
        this.flushedWhere = offset;
    }

    /**
     * Recovery: declares only the bytes below {@code offset} as known to be on disk, so the next flush syncs the rest
     * (after a crash, recovered bytes may exist in the page cache only).
     */
    synchronized void resetFlushedTo(long offset) {
        for (MappedFile m : files) {
            long pos = Math.max(0, Math.min(offset - m.fileFromOffset(), m.wrotePosition()));
            m.setPositions(m.wrotePosition(), (int) pos);
        }
        flushedWhere = Math.max(Math.min(offset, maxOffset()), minOffset());
    }

    /** Bytes written but not yet flushed. */
    long unflushedBytes() {
        return Math.max(0, maxOffset() - flushedWhere);
    }

    /**
     * Flushes every file from the flushed point to the written end, in order (a file is completed before the next
     * counts), when at least {@code leastPages} pages are dirty (0 = always). Returns the new flushed offset.
     * Serialized: one flush at a time.
     *
     * @throws java.io.UncheckedIOException when the disk refuses the sync
     */
    synchronized long flush(int leastPages) {
        if (leastPages > 0 && unflushedBytes() < (long) leastPages * MappedFile.PAGE_SIZE) {
            return flushedWhere;
        }
        while (true) {
            MappedFile f = findByOffset(flushedWhere);
            if (f == null) {
                return flushedWhere;
            }
            int w = f.flush();
            flushedWhere = f.fileFromOffset() + w;
            if (w < fileSize) {
                return flushedWhere;
            }
        }
    }

    /** Removes the first {@code count} files (never the last one) and deletes them. Returns how many went. */
    synchronized int deleteFirst(int count) {
        MappedFile[] cur = files;
        int n = Math.min(count, cur.length - 1);
        if (n <= 0) {
            return 0;
        }
        files = Arrays.copyOfRange(cur, n, cur.length);
        for (int i = 0; i < n; i++) {
            cur[i].destroy();
        }
        if (flushedWhere < files[0].fileFromOffset()) {
            flushedWhere = files[0].fileFromOffset();
        }
        return n;
    }

    /**
     * Cuts the byte space at {@code offset}: files starting after it are deleted, the file containing it keeps
     * {@code offset - start} bytes and the rest of it is zeroed, so nothing stale can be mistaken for data later.
     * {@code quiescent} means no other thread uses the files (recovery), which allows the cheaper zeroing by
     * truncating the file. Callers hold the structure's write lock.
     */
    synchronized void truncateFrom(long offset, boolean quiescent) throws IOException {
        MappedFile[] cur = files;
        int keep = 0;
        for (MappedFile m : cur) {
            if (m.fileFromOffset() <= offset || m.fileFromOffset() == cur[0].fileFromOffset()) {
                keep++;
            }
        }
        // newest first: a crash between two deletions leaves contiguous files, which load() requires
        for (int i = cur.length - 1; i >= keep; i--) {
            LOG.info("truncating {}: deleting {}", dir, cur[i].file().getName());
            cur[i].destroy();
        }
        files = Arrays.copyOf(cur, keep);
        if (keep > 0) {
            MappedFile m = files[keep - 1];
            int pos = (int) Math.max(0, Math.min(fileSize, offset - m.fileFromOffset()));
            int oldWrote = m.wrotePosition();
            if (quiescent) {
                m.zeroFrom(pos);
            } else if (oldWrote > pos) {
                m.zeroRange(pos, oldWrote);
            }
            m.setPositions(pos, pos);
        }
        flushedWhere = Math.min(flushedWhere, Math.max(offset, minOffset()));
    }

    /** Unmaps every file (after the final flush). */
    synchronized void close() {
        for (MappedFile m : files) {
            m.close();
        }
        files = NONE;
    }

    /** Closes and deletes every file and the directory. */
    synchronized void destroy() {
        for (MappedFile m : files) {
            m.destroy();
        }
        files = NONE;
        flushedWhere = 0;
        try {
            Files.deleteIfExists(dir.toPath());
        } catch (IOException e) {
            LOG.debug("directory {} not removed: {}", dir, e.toString());
        }
    }
}
