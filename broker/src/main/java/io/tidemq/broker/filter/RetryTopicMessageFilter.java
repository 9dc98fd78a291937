package io.tidemq.broker.filter;

import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.filter.SelectorSyntaxException;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Function;

/**
 * filterSupportRetry: a message of the group's retry topic is judged by the group's SQL92 subscription of the
 * topic it was first sent to (its RETRY_TOPIC property), so a retried message the consumer no longer wants is
 * not delivered again. Messages of topics without an SQL92 subscription pass.
 */
public final class RetryTopicMessageFilter extends PropertyMessageFilter {
    private final Function<String, SubscriptionData> subscriptionOfTopic;
    private final SubscriptionFilters filters;

    public RetryTopicMessageFilter(Function<String, SubscriptionData> subscriptionOfTopic,
                                   SubscriptionFilters filters) {
        this.subscriptionOfTopic = subscriptionOfTopic;
        this.filters = filters;
    }

    @Override
    public boolean isMatchedByCommitLog(ByteBuffer record, Map<String, String> properties) {
        Map<String, String> p = properties != null ? properties : MessageDecoder.decodeProperties(record);
        String realTopic = p.get(MessageConst.PROPERTY_RETRY_TOPIC);
        SubscriptionData original = realTopic == null ? null : subscriptionOfTopic.apply(realTopic);
        if (original == null || original.isTagType()) {
            return true;
        }
        try {
            return filters.compile(original.subString).matches(p);
        } catch (SelectorSyntaxException e) {
            return true; // the subscription itself is refused at its own pulls; retries are not held hostage
        }
    }
}
