package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fixed-size file of a CommitLog, consume queue or index, memory-mapped in full. Bytes below the
 * {@linkplain #wrotePosition() wrote position} are immutable and readable by any thread; the single writer (who holds
 * the owning structure's write lock) appends above it and then publishes the new position (a volatile write, so
 * readers that see the position also see the bytes).
 *
 * <p>The mapping is reference counted: {@link #hold()} before touching it from another thread, {@link #release()}
 * after. {@link #destroy()} only unmaps once the last holder has released, so a reader never faults on a file that
 * retention deleted under it.
 */
final class MappedFile {
    private static final Logger LOG = LoggerFactory.getLogger(MappedFile.class);
    static final int PAGE_SIZE = 4096;
    /** The most the file system is asked for at once, past a write (one write(2) of zeros). */
    private static final int BACK_AHEAD = 1024 * 1024;
    /** Free space beyond which a disk counts as roomy, and how far a writer then goes before it looks again. */
    private static final long ROOMY_MARGIN = 256L * 1024 * 1024;
    private static final int CHECK_EVERY = 4 * 1024 * 1024;
    /** Direct, so write(2) takes the zeros as they are instead of through a temporary copy. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(BACK_AHEAD).asReadOnlyBuffer();

    private final File file;
    private final long fileFromOffset;
    private final int fileSize;
    private final FileChannel channel;
    private final MappedByteBuffer mapped;
    /** Readers' view: a slice of it is read-only already, one object per read instead of two. */
    private final ByteBuffer readOnly;
    private final AtomicLong refCount = new AtomicLong(1);
    private volatile boolean available = true;
    private volatile int wrotePosition;
    private volatile int flushedPosition;
    /** Writer only: the file system holds blocks for every byte below this (see {@link #ensureBacked}). */
    private int backedTo;
    /** Writer only: writes below this need no blocks asked for, the disk having had ample room (ensureBacked). */
    private int roomyUntil;
    private long roomyMargin = ROOMY_MARGIN;

    private MappedFile(File file, long fileFromOffset, int fileSize, FileChannel channel, MappedByteBuffer mapped) {
        this.file = file;
        this.fileFromOffset = fileFromOffset;
        this.fileSize = fileSize;
        this.channel = channel;
        this.mapped = mapped;
        this.readOnly = mapped.asReadOnlyBuffer();
    }

    /** The file name of the file starting at {@code offset}: 20 zero-padded digits. */
    static String fileName(long offset) {
        String s = Long.toString(offset);
        return "0".repeat(Math.max(0, 20 - s.length())) + s;
    }

    /**
     * Opens (creating if needed) and maps a file named by its start offset; a shorter file is extended with zeros to
     * {@code fileSize} (a torn creation or a truncated tail). Wrote and flushed positions start at 0.
     */
    static MappedFile open(File file, int fileSize) throws IOException {
        return open(file, fileSize, ROOMY_MARGIN);
    }

    /** As {@link #open(File, int)}, counting the disk roomy above {@code roomyMargin} free bytes (tests: never). */
    static MappedFile open(File file, int fileSize, long roomyMargin) throws IOException {
        long from = Long.parseLong(file.getName());
        FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (ch.size() < fileSize) {
                ch.write(ByteBuffer.wrap(new byte[1]), fileSize - 1);
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
            // sparse, old or new: no page past the written data is known to have blocks
            MappedFile f = new MappedFile(file, from, fileSize, ch, m);
            f.roomyMargin = roomyMargin;
            return f;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    File file() {
        return file;
    }

    long fileFromOffset() {
        return fileFromOffset;
    }

    int fileSize() {
        return fileSize;
    }

    int wrotePosition() {
        return wrotePosition;
    }

    int flushedPosition() {
        return flushedPosition;
    }

    int remaining() {
        return fileSize - wrotePosition;
    }

    boolean isFull() {
        return wrotePosition >= fileSize;
    }

    /** Recovery and truncation only: sets both positions. */
    void setPositions(int wrote, int flushed) {
        this.wrotePosition = wrote;
        this.flushedPosition = Math.min(flushed, wrote);
    }

    /**
     * The mapping itself for absolute reads and writes by the owner (writer thread, recovery). Callers never change
     * its position or limit, and from other threads only use it while holding the file.
     */
    ByteBuffer mapped() {
        return mapped;
    }

    /**
     * Writer only: makes sure the file system holds blocks for {@code [floor, end)} before they are written through
     * the mapping, writing zeros through write(2) from the furthest of {@code floor} and what is already backed, a
     * little ahead of {@code end}. Files are created sparse; a store on a full disk writing into an unbacked page of
     * a mapping gets SIGBUS, which the JVM turns into an InternalError thrown later at some unrelated point of the
     * thread (the append looks done, its bytes are not there). This way a full disk is an IOException before
     * anything is written. Only the range past the written data is zeroed ({@code floor} at or past its end).
     */
    void ensureBacked(int floor, int end) throws IOException {
        if (end <= backedTo || end <= roomyUntil) {
            return;
        }
        // Asking for blocks costs a write of zeros per byte of data (a quarter of the append rate), so it is only
        // done when the disk is short of room: with more than ROOMY_MARGIN free beyond twice what this file may
        // still take, no write through the mapping can find the disk full before the next look, CHECK_EVERY on,
        // unless some other program takes that much in the meantime.
        long usable = file.getUsableSpace();
        if (usable - 2L * (fileSize - floor) > roomyMargin) {
            roomyUntil = (int) Math.min(fileSize, (long) end + CHECK_EVERY);
            return;
        }
        // what lies below floor was written, so its blocks exist; only past it can a page be a hole
        int at = Math.max(backedTo, floor);
        // ahead by 64 writes of this size (a page for a consume-queue unit, up to 1 MiB for big records): files
        // stay as sparse as the data in them, which matters with thousands of queues, at one write(2) per 64 appends
        int ahead = (int) Math.min(BACK_AHEAD, Math.max(PAGE_SIZE, 64L * Math.max(1, end - floor)));
        int to = Math.min(fileSize, (Math.max(end, at) + ahead + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
        ByteBuffer zeros = ZEROS.duplicate();
        while (at < to) {
            zeros.clear().limit(Math.min(zeros.capacity(), to - at));
            at += channel.write(zeros, at);
            backedTo = at;
        }
    }

    /**
     * Like {@link #ensureBacked} for a range that holds data to keep (an index file's slots): each page is written
     * back with its own bytes through write(2), so the file system allocates it and nothing changes.
     */
    void ensureBackedKeepingContent(int from, int to) throws IOException {
        int end = Math.min(to, fileSize);
        byte[] page = new byte[PAGE_SIZE * 16];
        for (int at = from; at < end; ) {
            int n = Math.min(page.length, end - at);
            mapped.get(at, page, 0, n);
            ByteBuffer b = ByteBuffer.wrap(page, 0, n);
            int p = at;
            while (b.hasRemaining()) {
                p += channel.write(b, p);
            }
            at += n;
        }
        if (from <= backedTo) {
            backedTo = Math.max(backedTo, end);
        }
    }

    /** Writer only: copies {@code len} bytes of {@code src} to the end and publishes them; returns where. */
    int append(ByteBuffer src, int off, int len) throws IOException {
        int pos = wrotePosition;
        ensureBacked(pos, pos + len);
        mapped.put(pos, src, off, len);
        wrotePosition = pos + len;
        return pos;
    }

    /**
     * Writer only: like {@link #append(ByteBuffer, int, int)} but through write(2) instead of the mapping. The page
     * cache is shared, so readers of the mapping see the bytes; the kernel then syncs them much faster than pages
     * dirtied through a mapping, and a full disk is an IOException instead of a fault.
     */
    int write(ByteBuffer src, int off, int len) throws IOException {
        int pos = wrotePosition;
        ByteBuffer d = src.duplicate().limit(off + len).position(off);
        int at = pos;
        while (d.hasRemaining()) {
            at += channel.write(d, at);
        }
        wrotePosition = pos + len;
        return pos;
    }

    /** Writer only: byte-array variant of {@link #append(ByteBuffer, int, int)}. */
    int append(byte[] src, int off, int len) throws IOException {
        int pos = wrotePosition;
        ensureBacked(pos, pos + len);
        mapped.put(pos, src, off, len);
        wrotePosition = pos + len;
        return pos;
    }

    /** Writer only: fills the rest of the file with the blank marker {@code [remaining][magic]} and marks it full. */
    void appendBlankMarker(int magic) throws IOException {
        int pos = wrotePosition;
        ensureBacked(pos, pos + 8);
        mapped.putInt(pos, fileSize - pos);
        mapped.putInt(pos + 4, magic);
        wrotePosition = fileSize;
    }

    /** Writes the written-but-unflushed range to disk (msync); returns the new flushed position. */
    int flush() {
        int w = wrotePosition;
        int f = flushedPosition;
        if (w > f && hold()) {
            try {
                mapped.force(f, w - f);
                flushedPosition = w;
            } finally {
                release();
            }
        }
        return flushedPosition;
    }

    /** Syncs the whole mapping (files written at random positions, like the index). */
    void forceAll() {
        if (hold()) {
            try {
                mapped.force();
            } finally {
                release();
            }
        }
    }

    /** Dirty 4 KiB pages between the flushed and the wrote position. */
    int dirtyPages() {
        return wrotePosition / PAGE_SIZE - flushedPosition / PAGE_SIZE;
    }

    /** A held read-only slice of {@code [pos, pos+size)} within the written part, or null. Release it. */
    MappedBufferSlice select(int pos, int size) {
        if (pos < 0 || size < 0 || pos + size > wrotePosition || !hold()) {
            return null;
        }
        ByteBuffer slice = readOnly.slice(pos, size);
        return new MappedBufferSlice(fileFromOffset + pos, slice, size, this);
    }

    /** Reads a number out of a file's bytes at a position (see {@link #readHeld}). */
    @FunctionalInterface
    interface PositionReader {
        long read(ByteBuffer mapped, int pos);
    }

    /** What {@link #readHeld} returns when {@code [pos, pos+size)} is not in the written part or the file is going. */
    static final long UNREADABLE = Long.MIN_VALUE;

    /**
     * {@code reader} applied to the file's buffer at {@code pos} while the file is held, without a slice: lookups
     * that want a number (a unit's offset, a record's store time) allocate nothing. {@code size} bytes from
     * {@code pos} must be written; else {@link #UNREADABLE}.
     */
    long readHeld(int pos, int size, PositionReader reader) {
        if (pos < 0 || size < 0 || pos + size > wrotePosition || !hold()) {
            return UNREADABLE;
        }
        try {
            return reader.read(mapped, pos);
        } finally {
            release();
        }
    }

    /** A held slice from {@code pos} to the wrote position, or null when there is nothing there. */
    MappedBufferSlice selectToEnd(int pos) {
        int w = wrotePosition;
        return pos < w ? select(pos, w - pos) : null;
    }

    /** Takes a reference; false once the file is being destroyed. Thread-safe. */
    boolean hold() {
        if (!available) {
            return false;
        }
        while (true) {
            long c = refCount.get();
            if (c <= 0) {
                return false;
            }
            if (refCount.compareAndSet(c, c + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one unmaps the file. Thread-safe. */
    void release() {
        if (refCount.decrementAndGet() == 0) {
            Unmapper.unmap(mapped);
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing {} failed: {}", file, e.toString());
            }
        }
    }

    boolean isAvailable() {
        return available;
    }

    /** Closes the file: no new holders, unmapped once current readers are done. */
    void close() {
        if (available) {
            available = false;
            release();
        }
    }

    /** Closes the file and deletes it from disk (the space is freed once the mapping is gone). */
    boolean destroy() {
        close();
        if (refCount.get() > 0) {
            LOG.info("{} deleted while still read by {} holder(s); unmapped when they release", file,
                    refCount.get());
        }
        try {
            return Files.deleteIfExists(file.toPath());
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
            return false;
        }
    }

    /**
     * Recovery only (no other thread may touch the file): makes every byte from {@code pos} on zero by cutting the
     * file there and extending it again, which leaves a hole instead of writing zeros, then syncs.
     */
    void zeroFrom(int pos) throws IOException {
        if (pos >= fileSize) {
            return;
        }
        channel.truncate(pos);
        channel.write(ByteBuffer.wrap(new byte[1]), fileSize - 1);
        channel.force(true);
        backedTo = Math.min(backedTo, pos & ~(PAGE_SIZE - 1));
        roomyUntil = 0;
    }

    /** Writer only, while readers may be active: zeroes {@code [from, to)} through the mapping and syncs it. */
    void zeroRange(int from, int to) {
        int end = Math.min(to, fileSize);
        byte[] zeros = new byte[Math.min(64 * 1024, Math.max(0, end - from))];
        for (int p = from; p < end; p += zeros.length) {
            mapped.put(p, zeros, 0, Math.min(zeros.length, end - p));
        }
        if (end > from) {
            mapped.force(from, end - from);
        }
    }

    @Override
    public String toString() {
        return file.getName() + "[wrote=" + wrotePosition + ", flushed=" + flushedPosition + "]";
    }
}
