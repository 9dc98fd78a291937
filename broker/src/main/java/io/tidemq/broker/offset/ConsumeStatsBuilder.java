package io.tidemq.broker.offset;

import io.tidemq.broker.client.ConsumerGroupInfo;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.stats.BrokerStats;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.common.protocol.body.ConsumeStats;
import io.tidemq.common.protocol.body.MessageQueue;
import io.tidemq.common.protocol.body.OffsetWrapper;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.store.MessageStore;

import java.util.Collection;

/**
 * A group's progress on topics, as GET_CONSUME_STATS and GET_BROKER_CONSUME_STATS report it: per queue the broker's
 * and the group's offsets and the store time of the last consumed message, plus the group's pull rate. Topics the
 * broker does not know, and topics an online group does not subscribe to, are left out.
 */
public final class ConsumeStatsBuilder {
    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final ConsumerManager consumers;
    private final MessageStore store;
    private final BrokerStats stats;
    private final String brokerName;

    public ConsumeStatsBuilder(TopicConfigManager topics, ConsumerOffsetManager offsets, ConsumerManager consumers,
                               MessageStore store, BrokerStats stats, String brokerName) {
        this.topics = topics;
        this.offsets = offsets;
        this.consumers = consumers;
        this.store = store;
        this.stats = stats;
        this.brokerName = brokerName;
    }

    /**
     * Adds the group's stats of {@code topicNames} to {@code into}. {@code writeQueues} counts the write queues
     * (GET_BROKER_CONSUME_STATS) instead of the read ones (GET_CONSUME_STATS); {@code orderOnly} keeps ordered
     * topics only. Returns how many topics were added.
     */
    public int add(ConsumeStats into, String group, Collection<String> topicNames, boolean writeQueues,
                   boolean orderOnly) {
        ConsumerGroupInfo online = consumers.group(group);
        int added = 0;
        for (String topic : topicNames) {
            TopicConfig tc = topics.select(topic);
            if (tc == null || orderOnly && !tc.order) {
                continue;
            }
            if (online != null && !online.subscriptions().isEmpty() && online.subscription(topic) == null) {
                continue;
            }
            into.consumeTps += stats.groupGetTps(topic, group);
            int queues = writeQueues ? tc.writeQueueNums : tc.readQueueNums;
            for (int q = 0; q < queues; q++) {
                OffsetWrapper w = new OffsetWrapper();
                w.brokerOffset = Math.max(0, store.getMaxOffsetInQueue(topic, q));
                w.consumerOffset = Math.max(0, offsets.query(group, topic, q));
                w.lastTimestamp = w.consumerOffset > 0
                        ? Math.max(0, store.getMessageStoreTimeStamp(topic, q, w.consumerOffset - 1)) : 0;
                into.offsetTable.put(new MessageQueue(topic, brokerName, q), w);
            }
            added++;
        }
        return added;
    }
}
