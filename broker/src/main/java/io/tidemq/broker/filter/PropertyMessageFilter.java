package io.tidemq.broker.filter;

import io.tidemq.store.MessageFilter;

/**
 * A filter that judges messages by their stored properties only: every unit passes the consume-queue stage (there
 * is no filter bit map), and the store scans further for a full batch since each verdict reads a record anyway.
 */
abstract class PropertyMessageFilter implements MessageFilter {
    @Override
    public final boolean isMatchedByConsumeQueue(long tagsCode) {
        return true;
    }

    @Override
    public final boolean readsRecords() {
        return true;
    }
}
