package io.tidemq.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Result of reading a consume queue: the matched records (as stored, in queue order) and the offsets a pull
 * response needs. Callers must {@link #release()} it once the buffers are written out.
 */
public final class GetMessageResult {
    /** Sized for a default pull (32 messages), so most pulls never grow it. */
    private final List<SelectMappedBufferResult> messages = new ArrayList<>(32);
    /** Parallel to {@link #messages}: unboxed, a pull's offsets are numbers, not objects. */
    private long[] queueOffsets = new long[32];
    private GetMessageStatus status;
    private long nextBeginOffset;
    private long minOffset;
    private long maxOffset;
    private int bufferTotalSize;
    /** True when the data read lies far behind the commit-log tail (no longer likely in page cache). */
    private boolean suggestPullingFromSlave;

    public void addMessage(SelectMappedBufferResult msg, long queueOffset) {
        int i = messages.size();
        if (i == queueOffsets.length) {
            queueOffsets = java.util.Arrays.copyOf(queueOffsets, i * 2);
        }
        queueOffsets[i] = queueOffset;
        messages.add(msg);
        bufferTotalSize += msg.size();
    }

    public List<SelectMappedBufferResult> messages() {
        return messages;
    }

    /** Queue offset of the {@code i}-th returned message (parallel to {@link #messages()}). */
    public long queueOffset(int i) {
        if (i < 0 || i >= messages.size()) {
            throw new IndexOutOfBoundsException(i);
        }
        return queueOffsets[i];
    }

    /** Queue offsets of the returned messages, in order (a copy). */
    public long[] queueOffsets() {
        return java.util.Arrays.copyOf(queueOffsets, messages.size());
    }

    public int messageCount() {
        return messages.size();
    }

    public int bufferTotalSize() {
        return bufferTotalSize;
    }

    public GetMessageStatus status() {
        return status;
    }

    public void setStatus(GetMessageStatus status) {
        this.status = status;
    }

    public long nextBeginOffset() {
        return nextBeginOffset;
    }

    public void setNextBeginOffset(long nextBeginOffset) {
        this.nextBeginOffset = nextBeginOffset;
    }

    public long minOffset() {
        return minOffset;
    }

    public void setMinOffset(long minOffset) {
        this.minOffset = minOffset;
    }

    public long maxOffset() {
        return maxOffset;
    }

    public void setMaxOffset(long maxOffset) {
        this.maxOffset = maxOffset;
    }

    public boolean suggestPullingFromSlave() {
        return suggestPullingFromSlave;
    }

    public void setSuggestPullingFromSlave(boolean suggestPullingFromSlave) {
        this.suggestPullingFromSlave = suggestPullingFromSlave;
    }

    /** Releases every buffer; safe to call more than once. */
    public void release() {
        for (SelectMappedBufferResult m : messages) {
            m.release();
        }
        messages.clear();
    }
}
