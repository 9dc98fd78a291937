package io.tidemq.broker.filter;

import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageProperties;
import io.tidemq.filter.SqlSelector;

import java.nio.ByteBuffer;
import java.util.Map;

/** SQL92 filtering at pull time, on the properties of each stored record (its tags are the TAGS property). */
public final class SqlMessageFilter extends PropertyMessageFilter {
    private final SqlSelector selector;

    public SqlMessageFilter(SqlSelector selector) {
        this.selector = selector;
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
}
