package io.tidemq.broker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import io.tidemq.broker.client.ConsumerGroupInfo;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.stats.BrokerStats;
import io.tidemq.broker.stats.KeyedStats;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.common.protocol.heartbeat.MessageModel;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.store.MessageStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The families rocketmq-exporter publishes about topics, groups and the broker, with its names and labels, so that
 * its Grafana dashboards and alert rules work unchanged; computed from the broker's own tables at each scrape
 * instead of from admin requests. The exporter sums over a topic's brokers; here each broker publishes its part
 * (with its cluster and broker labels), which the same queries sum.
 */
final class ExporterMeters {
    private static final String RETRY_PREFIX = "%RETRY%";
    private static final String DLQ_PREFIX = "%DLQ%";
    /** The exporter's msgModel label: MessageModel's ordinal in the Apache client (BROADCASTING 0, CLUSTERING 1). */
    private static final String CLUSTERING = "1";

    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final ConsumerManager consumers;
    private final MessageStore store;
    private final BrokerStats stats;
    private final String brokerIP;

    private final MultiGauge producerOffset;
    private final MultiGauge retryOffset;
    private final MultiGauge dlqOffset;
    private final MultiGauge consumerOffset;
    private final MultiGauge groupDiff;
    private final MultiGauge groupRetryDiff;
    private final MultiGauge accumulation;
    private final MultiGauge producerTps;
    private final MultiGauge producerSize;
    private final MultiGauge consumerTps;
    private final MultiGauge consumerSize;
    private final MultiGauge sendBack;
    private final MultiGauge brokerTps;
    private final MultiGauge brokerQps;

    ExporterMeters(MeterRegistry registry, TopicConfigManager topics, ConsumerOffsetManager offsets,
                   ConsumerManager consumers, MessageStore store, BrokerStats stats, String brokerIP) {
        this.topics = topics;
        this.offsets = offsets;
        this.consumers = consumers;
        this.store = store;
        this.stats = stats;
        this.brokerIP = brokerIP;
        producerOffset = gauge(registry, "rocketmq_producer_offset", "sum of the max offsets of the topic's queues");
        retryOffset = gauge(registry, "rocketmq_topic_retry_offset", "max offsets of a retry topic");
        dlqOffset = gauge(registry, "rocketmq_topic_dlq_offset", "max offsets of a group's dead-letter topic");
        consumerOffset = gauge(registry, "rocketmq_consumer_offset", "sum of the group's committed offsets");
        groupDiff = gauge(registry, "rocketmq_group_diff", "messages the group has not consumed (clustering)");
        groupRetryDiff = gauge(registry, "rocketmq_group_retrydiff", "messages of the group's retry topic not "
                + "consumed");
        accumulation = gauge(registry, "rocketmq_message_accumulation", "producer offset minus consumer offset");
        producerTps = gauge(registry, "rocketmq_producer_tps", "messages put per second, last minute");
        producerSize = gauge(registry, "rocketmq_producer_message_size", "bytes put per second, last minute");
        consumerTps = gauge(registry, "rocketmq_consumer_tps", "messages pulled per second, last minute");
        consumerSize = gauge(registry, "rocketmq_consumer_message_size", "bytes pulled per second, last minute");
        sendBack = gauge(registry, "rocketmq_send_back_nums", "messages sent back for retry per second, last "
                + "minute");
        brokerTps = gauge(registry, "rocketmq_broker_tps", "messages put per second on the broker, last minute");
        brokerQps = gauge(registry, "rocketmq_broker_qps", "messages pulled per second on the broker, last minute");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    void refresh(String cluster) {
        List<Row<?>> produced = new ArrayList<>();
        List<Row<?>> retry = new ArrayList<>();
        List<Row<?>> dlq = new ArrayList<>();
        List<Row<?>> putTps = new ArrayList<>();
        List<Row<?>> putSize = new ArrayList<>();
        KeyedStats keyed = stats.keyed();
        for (TopicConfig tc : topics.table().values()) {
            String topic = tc.topicName;
            long max = maxOffsets(tc);
            if (topic.startsWith(RETRY_PREFIX)) {
                retry.add(Row.of(Tags.of("topic", topic), max));
            } else if (topic.startsWith(DLQ_PREFIX)) {
                dlq.add(Row.of(Tags.of("group", topic.substring(DLQ_PREFIX.length())), max));
            } else {
                Tags t = Tags.of("topic", topic);
                produced.add(Row.of(t, max));
                putTps.add(Row.of(t, keyed.minuteTps(KeyedStats.TOPIC_PUT_NUMS, topic)));
                putSize.add(Row.of(t, keyed.minuteTps(KeyedStats.TOPIC_PUT_SIZE, topic)));
            }
        }
        producerOffset.register(produced, true);
        retryOffset.register(retry, true);
        dlqOffset.register(dlq, true);
        producerTps.register(putTps, true);
        producerSize.register(putSize, true);
        refreshGroups();
        brokerTps.register(List.of(Row.of(Tags.of("brokerIP", brokerIP),
                keyed.minuteTps(KeyedStats.BROKER_PUT_NUMS, cluster))), true);
        brokerQps.register(List.of(Row.of(Tags.of("brokerIP", brokerIP),
                keyed.minuteTps(KeyedStats.BROKER_GET_NUMS, cluster))), true);
    }

    private void refreshGroups() {
        List<Row<?>> committed = new ArrayList<>();
        List<Row<?>> diff = new ArrayList<>();
        List<Row<?>> retryDiff = new ArrayList<>();
        List<Row<?>> backlog = new ArrayList<>();
        List<Row<?>> getTps = new ArrayList<>();
        List<Row<?>> getSize = new ArrayList<>();
        List<Row<?>> backs = new ArrayList<>();
        KeyedStats keyed = stats.keyed();
        for (Map.Entry<String, Set<String>> e : offsets.groupsByTopic().entrySet()) {
            String topic = e.getKey();
            TopicConfig tc = topics.select(topic);
            if (tc == null) {
                continue;
            }
            for (String group : e.getValue()) {
                long sum = 0;
                long behind = 0;
                for (Map.Entry<Integer, Long> q : offsets.queryAll(group, topic).entrySet()) {
                    long off = q.getValue();
                    if (off < 0) {
                        continue;
                    }
                    sum += off;
                    behind += Math.max(0, store.getMaxOffsetInQueue(topic, q.getKey()) - off);
                }
                ConsumerGroupInfo online = consumers.group(group);
                int members = online == null ? 0 : online.channels().size();
                boolean broadcasting = online != null && online.messageModel() == MessageModel.BROADCASTING;
                if (topic.startsWith(RETRY_PREFIX)) {
                    if (!broadcasting) {
                        retryDiff.add(Row.of(diffTags(group, topic, members), behind));
                    }
                    continue;
                }
                Tags t = Tags.of("topic", topic, "group", group);
                committed.add(Row.of(t, sum));
                backlog.add(Row.of(t, behind));
                String key = topic + "@" + group;
                getTps.add(Row.of(t, keyed.minuteTps(KeyedStats.GROUP_GET_NUMS, key)));
                getSize.add(Row.of(t, keyed.minuteTps(KeyedStats.GROUP_GET_SIZE, key)));
                backs.add(Row.of(t, keyed.minuteTps(KeyedStats.SNDBCK_PUT_NUMS, key)));
                if (!broadcasting) {
                    diff.add(Row.of(diffTags(group, topic, members), behind));
                }
            }
        }
        consumerOffset.register(committed, true);
        groupDiff.register(diff, true);
        groupRetryDiff.register(retryDiff, true);
        accumulation.register(backlog, true);
        consumerTps.register(getTps, true);
        consumerSize.register(getSize, true);
        sendBack.register(backs, true);
    }

    private static Tags diffTags(String group, String topic, int members) {
        return Tags.of("group", group, "topic", topic, "countOfOnlineConsumers", String.valueOf(members),
                "msgModel", CLUSTERING);
    }

    private long maxOffsets(TopicConfig tc) {
        long sum = 0;
        for (int q = 0; q < tc.writeQueueNums || q < tc.readQueueNums; q++) {
            sum += Math.max(0, store.getMaxOffsetInQueue(tc.topicName, q));
        }
        return sum;
    }
}
