package io.tidemq.broker.filter;

import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.filter.SelectorSyntaxException;
import io.tidemq.filter.SqlSelector;
import io.tidemq.store.MessageFilter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store filter for a subscription: tag codes for TAG, a compiled selector for SQL92. Compiled selectors (and
 * refusals) are kept by expression text, since every pull of a group names the same few expressions; the table is
 * emptied when it grows past its bound rather than evicting one by one.
 */
public final class SubscriptionFilters {
    private static final int MAX_CACHED = 4096;

    private final Map<String, Object> compiled = new ConcurrentHashMap<>();

    /** The filter for {@code subscription}, or an exception saying why its expression is refused. */
    public MessageFilter filterFor(SubscriptionData subscription) throws SelectorSyntaxException {
        if (subscription == null || subscription.isTagType()) {
            return new TagMessageFilter(subscription);
        }
        if (!SqlSelector.TYPE.equals(subscription.expressionType)) {
            throw new SelectorSyntaxException("expression type " + subscription.expressionType
                    + " is not supported; use TAG or SQL92");
        }
        return new SqlMessageFilter(compile(subscription.subString));
    }

    /** Compiles an SQL92 selector, once per distinct text. */
    public SqlSelector compile(String expression) throws SelectorSyntaxException {
        String key = expression == null ? "" : expression;
        Object known = compiled.get(key);
        if (known == null) {
            try {
                known = SqlSelector.compile(expression);
            } catch (SelectorSyntaxException e) {
                known = e;
            }
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear();
            }
            compiled.put(key, known);
        }
        if (known instanceof SelectorSyntaxException e) {
            throw e;
        }
        return (SqlSelector) known;
    }
}
