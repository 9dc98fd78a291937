package io.tidemq.broker.processor;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import io.tidemq.broker.topic.TopicConfigManager;

/** What the broker keeps about itself and its consumers: its config, topics, subscription groups, consumer offsets. */
public record BrokerMetadata(BrokerConfig config, TopicConfigManager topics, SubscriptionGroupManager groups,
                             ConsumerOffsetManager offsets) {
}
