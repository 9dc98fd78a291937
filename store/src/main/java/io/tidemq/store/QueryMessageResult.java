package io.tidemq.store;

import java.util.ArrayList;
import java.util.List;

/** Records found through the index, plus how far the index has been built. Callers must release it. */
public final class QueryMessageResult {
    private final List<SelectMappedBufferResult> messages = new ArrayList<>();
    private long indexLastUpdateTimestamp;
    private long indexLastUpdatePhyoffset;

    public void addMessage(SelectMappedBufferResult m) {
        messages.add(m);
    }

    public List<SelectMappedBufferResult> messages() {
        return messages;
    }

    public int bufferTotalSize() {
        int n = 0;
        for (SelectMappedBufferResult m : messages) {
            n += m.size();
        }
        return n;
    }

    public long indexLastUpdateTimestamp() {
        return indexLastUpdateTimestamp;
    }

    public void setIndexLastUpdateTimestamp(long v) {
        this.indexLastUpdateTimestamp = v;
    }

    public long indexLastUpdatePhyoffset() {
        return indexLastUpdatePhyoffset;
    }

    public void setIndexLastUpdatePhyoffset(long v) {
        this.indexLastUpdatePhyoffset = v;
    }

    public void release() {
        for (SelectMappedBufferResult m : messages) {
            m.release();
        }
        messages.clear();
    }
}
