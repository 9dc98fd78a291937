package io.tidemq.broker.filter;

import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageProperties;
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
        if (properties != null) {
            return selector.matches(properties);
        }
        // the selector reads a few properties: look them up in the stored string rather than building the map
        String stored = MessageDecoder.propertiesString(record);
        return stored != null && selector.matches(name -> MessageProperties.find(stored, name));
    }

    @Override
    public boolean readsRecords() {
        return true;
    }
}
