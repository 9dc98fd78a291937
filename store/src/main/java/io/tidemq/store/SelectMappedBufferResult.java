package io.tidemq.store;

import java.nio.ByteBuffer;

/**
 * A read-only view of stored bytes (one or more whole records) starting at a physical offset. The buffer may be a
 * slice of a memory-mapped file: call {@link #release()} once done so the file can be unmapped when retention
 * deletes it.
 */
public interface SelectMappedBufferResult {
    long startOffset();

    /** The bytes; position 0, limit = size. */
    ByteBuffer buffer();

    int size();

    void release();
}
