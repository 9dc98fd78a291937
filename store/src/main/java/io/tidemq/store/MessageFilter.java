package io.tidemq.store;

import java.nio.ByteBuffer;
import java.util.Map;

/** Decides which queued messages a read returns; supplied by the broker (tag codes, SQL92). */
public interface MessageFilter {
    /** First stage, on the consume-queue unit alone. */
    boolean isMatchedByConsumeQueue(long tagsCode);

    /**
     * Second stage, on the stored record (position 0 = record start); {@code properties} may be null, in which case
     * the filter decodes what it needs from the record.
     */
    default boolean isMatchedByCommitLog(ByteBuffer record, Map<String, String> properties) {
        return true;
    }

    /**
     * Whether the filter judges stored records (not only tag codes): a read then scans further for a full batch,
     * since matches may be sparse and each costs a record read anyway.
     */
    default boolean readsRecords() {
        return false;
    }

    /** Matches everything. */
    MessageFilter ALL = tagsCode -> true;
}
