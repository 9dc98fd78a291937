package io.tidemq.store;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** A held, read-only slice of a {@link MappedFile}; releasing it (once; later calls do nothing) lets the file go. */
final class MappedBufferSlice implements SelectMappedBufferResult {
    private static final AtomicIntegerFieldUpdater<MappedBufferSlice> RELEASED =
            AtomicIntegerFieldUpdater.newUpdater(MappedBufferSlice.class, "released");

    private final long startOffset;
    private final ByteBuffer buffer;
    private final int size;
    private final MappedFile file;
    private volatile int released;

    MappedBufferSlice(long startOffset, ByteBuffer buffer, int size, MappedFile file) {
        this.startOffset = startOffset;
        this.buffer = buffer;
        this.size = size;
        this.file = file;
    }

    @Override
    public long startOffset() {
        return startOffset;
    }

    @Override
    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void release() {
        if (RELEASED.compareAndSet(this, 0, 1)) {
            file.release();
        }
    }
}
