package io.tidemq.broker.client;

import java.util.Collection;

/** Told when a consumer group's membership or subscriptions change (to push NOTIFY_CONSUMER_IDS_CHANGED). */
public interface ConsumerIdsChangeListener {
    void changed(String group, Collection<ClientChannelInfo> members);
}
