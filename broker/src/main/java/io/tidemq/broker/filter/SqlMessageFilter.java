package io.tidemq.broker.filter;

import io.tidemq.common.message.MessageDecoder;
import io.tidemq.filter.SqlSelector;
import io.tidemq.store.MessageFilter;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * SQL92 filtering at pull time: every queued message passes the consume-queue stage (there is no filter bit map)
 * and is judged on the properties of its stored record, tags included (as the TAGS property).
 */
public final class SqlMessageFilter implements MessageFilter {
    private final SqlSelector selector;

    public SqlMessageFilter(SqlSelector selector) {
        this.selector = selector;
    }

    @Override
    public boolean isMatchedByConsumeQueue(long tagsCode) {
        return true;
    }

    @Override
    public boolean isMatchedByCommitLog(ByteBuffer record, Map<String, String> properties) {
        Map<String, String> p = properties != null ? properties : MessageDecoder.decodeProperties(record);
        return selector.matches(p);
    }

    @Override
    public boolean readsRecords() {
        return true;
    }
}
