package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The key index under {@code index/}: keys {@code topic#UNIQ_KEY} and {@code topic#<each KEYS token>} of every
 * record but rollbacks, in {@link IndexFile}s named by creation time; a new file starts when one is full. The
 * dispatcher writes under the write lock; queries take the read lock, so they may run on any thread.
 */
final class IndexService {
    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final File dir;
    private final int slots;
    private final int maxIndex;
    private final boolean enabled;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<IndexFile> files = new ArrayList<>();

    IndexService(IndexConfig index, File dir, Clock clock) {
        this.dir = dir;
        this.slots = index.getMaxHashSlotNum();
        this.maxIndex = index.getMaxIndexNum();
        this.enabled = index.isMessageIndexEnable();
        this.clock = clock;
        if (IndexFile.fileSize(slots, maxIndex) > Integer.MAX_VALUE) {
            throw new io.tidemq.config.ConfigException("maxHashSlotNum * 4 + maxIndexNum * 20 must stay below"
                    + " 2 GiB, got " + IndexFile.fileSize(slots, maxIndex));
        }
    }

    void load() throws IOException {
        File[] listed = dir.listFiles((d, n) -> n.length() == 17 && n.chars().allMatch(Character::isDigit));
        if (listed == null) {
            return;
        }
        Arrays.sort(listed, (a, b) -> a.getName().compareTo(b.getName()));
        lock.writeLock().lock();
        try {
            for (File f : listed) {
                if (f.length() != IndexFile.fileSize(slots, maxIndex)) {
                    LOG.warn("index file {} has a foreign size (maxHashSlotNum/maxIndexNum changed?); rebuilding it"
                            + " is not possible, deleting it", f);
                    if (!f.delete()) {
                        LOG.warn("cannot delete {}", f);
                    }
                    continue;
                }
                files.add(IndexFile.open(f, slots, maxIndex));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Dispatcher only: indexes the keys of one record (skipped when already indexed, after recovery). */
    void build(DispatchRequest r) throws IOException {
        if (!enabled || (r.uniqKey == null && r.keys == null)) {
            return;
        }
        lock.writeLock().lock();
        try {
            IndexFile f = writable();
            if (!f.isEmpty() && r.commitLogOffset <= f.endPhyOffset()) {
                return;
            }
            if (r.uniqKey != null && !r.uniqKey.isEmpty()) {
                f = put(f, r.topic + '#' + r.uniqKey, r);
            }
            if (r.keys != null) {
                for (String k : r.keys.split(" ")) {
                    if (!k.isEmpty()) {
                        f = put(f, r.topic + '#' + k, r);
                    }
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private IndexFile put(IndexFile f, String key, DispatchRequest r) throws IOException {
        if (!f.put(key, r.commitLogOffset, r.storeTimestamp)) {
            f.flush();
            f = newFile();
            f.put(key, r.commitLogOffset, r.storeTimestamp);
        }
        return f;
    }

    private IndexFile writable() throws IOException {
        IndexFile last = files.isEmpty() ? null : files.get(files.size() - 1);
        if (last == null || last.isFull()) {
            if (last != null) {
                last.flush();
            }
            return newFile();
        }
        return last;
    }

    private IndexFile newFile() throws IOException {
        if (!dir.exists() && !dir.mkdirs() && !dir.exists()) {
            throw new IOException("cannot create " + dir);
        }
        long name = Long.parseLong(NAME.format(clock.instant().atZone(clock.getZone())));
        if (!files.isEmpty()) {
            long lastName = Long.parseLong(files.get(files.size() - 1).file().getName());
            name = Math.max(name, lastName + 1);
        }
        IndexFile f = IndexFile.open(new File(dir, Long.toString(name)), slots, maxIndex);
        files.add(f);
        return f;
    }

    /**
     * Physical offsets of records indexed under {@code topic#key} and stored within [begin, end], newest file
     * first, distinct, at most {@code maxNum}. Thread-safe.
     */
    List<Long> query(String topic, String key, int maxNum, long begin, long end) {
        String k = topic + '#' + key;
        List<Long> found = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (int i = files.size() - 1; i >= 0 && found.size() < maxNum; i--) {
                IndexFile f = files.get(i);
                if (f.isEmpty() || f.beginTimestamp() > end || f.endTimestamp() < begin - 999) {
                    continue;
                }
                f.collect(k, maxNum, begin, end, found);
            }
        } finally {
            lock.readLock().unlock();
        }
        Set<Long> distinct = new LinkedHashSet<>(found);
        return new ArrayList<>(distinct);
    }

    /** Time and offset of the newest indexed record. */
    long[] lastUpdate() {
        lock.readLock().lock();
        try {
            for (int i = files.size() - 1; i >= 0; i--) {
                if (!files.get(i).isEmpty()) {
                    return new long[]{files.get(i).endTimestamp(), files.get(i).endPhyOffset()};
                }
            }
            return new long[]{0, 0};
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Flushes every index file. The fsync runs outside the lock: holding it there stalled the dispatcher (which
     * takes the write lock per record) for the whole flush, delaying when messages become readable.
     */
    void flush() {
        flush(true);
    }

    /**
     * The periodic flush: every file but the newest. Recovery after a crash rebuilds the newest file from its
     * start anyway, so syncing it buys nothing, and each sync turned its pages clean, so the next index entries
     * took a write-protect page fault each (a quarter of the dispatcher's time under load).
     */
    void flushAllButNewest() {
        flush(false);
    }

    private void flush(boolean includingNewest) {
        List<IndexFile> snapshot;
        lock.readLock().lock();
        try {
            snapshot = new ArrayList<>(files);
        } finally {
            lock.readLock().unlock();
        }
        int n = includingNewest ? snapshot.size() : snapshot.size() - 1;
        for (int i = 0; i < n; i++) {
            snapshot.get(i).flush();
        }
    }

    /**
     * Recovery: makes the index end before {@code phyOffset}, where the recovered consume queues end and dispatch
     * resumes. Files wholly at or past it go; the newest file kept is cut back to its entries before it (after a
     * crash also to repair a chain the crash left pointing at a half-written entry). After a machine crash
     * ({@code abnormal} and not {@code machineSurvived}) the newest file, never synced, and any file reaching
     * {@code phyOffset} may miss pages, so they go whole. Returns the smallest physical offset from which dispatch
     * must re-index, or {@code Long.MAX_VALUE} when nothing before {@code phyOffset} was lost.
     */
    long dropUntrusted(long phyOffset, boolean abnormal, boolean machineSurvived) {
        boolean mayBeTorn = abnormal && !machineSurvived;
        lock.writeLock().lock();
        try {
            long from = Long.MAX_VALUE;
            int newestIndex = files.size() - 1;
            for (int i = newestIndex; i >= 0; i--) {
                IndexFile f = files.get(i);
                boolean torn = mayBeTorn && (i == newestIndex || f.endPhyOffset() >= phyOffset);
                if (!f.isEmpty() && !torn && f.beginPhyOffset() < phyOffset) {
                    if (abnormal || f.endPhyOffset() >= phyOffset) {
                        int dropped = f.truncateTo(phyOffset);
                        if (dropped > 0) {
                            LOG.info("index file {}: {} entries at or past CommitLog offset {} dropped",
                                    f.file().getName(), dropped, phyOffset);
                        }
                    }
                    break;
                }
                if (!f.isEmpty()) {
                    from = Math.min(from, f.beginPhyOffset());
                    LOG.info("index file {} may be incomplete; it will be rebuilt", f.file().getName());
                }
                f.destroy();
                files.remove(i);
            }
            return from;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runtime truncation of the CommitLog at {@code phyOffset}: later records may be indexed again. */
    void truncateFrom(long phyOffset) {
        lock.writeLock().lock();
        try {
            for (int i = files.size() - 1; i >= 0; i--) {
                IndexFile f = files.get(i);
                if (!f.isEmpty() && f.beginPhyOffset() >= phyOffset) {
                    f.destroy();
                    files.remove(i);
                } else {
                    if (!f.isEmpty()) {
                        f.truncateTo(phyOffset);
                    }
                    break;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Retention: deletes files (never the newest) whose entries all point before {@code minPhyOffset}. */
    int deleteExpired(long minPhyOffset) {
        lock.writeLock().lock();
        try {
            int n = 0;
            while (files.size() > 1 && files.get(0).endPhyOffset() < minPhyOffset) {
                files.remove(0).destroy();
                n++;
            }
            return n;
        } finally {
            lock.writeLock().unlock();
        }
    }

    int fileCount() {
        lock.readLock().lock();
        try {
            return files.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    void close() {
        lock.writeLock().lock();
        try {
            files.forEach(IndexFile::close);
            files.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    void destroy() {
        lock.writeLock().lock();
        try {
            files.forEach(IndexFile::destroy);
            files.clear();
            if (!dir.delete() && dir.exists()) {
                LOG.debug("index directory {} not removed", dir);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
