package io.tidemq.broker.filter;

import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.store.MessageFilter;

/**
 * Broker-side tag filtering on consume-queue hash codes. Hash collisions pass here; the client filters again by
 * the exact tag string.
 */
public final class TagMessageFilter implements MessageFilter {
    private final SubscriptionData subscription;

    public TagMessageFilter(SubscriptionData subscription) {
        this.subscription = subscription;
    }

    @Override
    public boolean isMatchedByConsumeQueue(long tagsCode) {
        if (subscription == null || subscription.classFilterMode || subscription.isAll()) {
            return true;
        }
        return subscription.codeSet.contains((int) tagsCode);
    }
}
