package io.tidemq.broker.processor;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.offset.ConsumeStatsBuilder;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.stats.BrokerStats;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.BrokerStatsData;
import io.tidemq.common.protocol.body.ConsumeStats;
import io.tidemq.common.protocol.body.ConsumeStatsList;
import io.tidemq.common.protocol.body.MessageQueue;
import io.tidemq.common.protocol.header.GetConsumeStatsInBrokerHeader;
import io.tidemq.common.protocol.header.ViewBrokerStatsDataRequestHeader;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.StoreCounters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** VIEW_BROKER_STATS_DATA and GET_BROKER_CONSUME_STATS on real stats, offset and group tables and a fake store. */
class BrokerStatsProcessorTest {
    @TempDir
    Path dir;
    BrokerStats stats;
    SubscriptionGroupManager groups;
    ConsumerOffsetManager offsets;
    TopicConfigManager topics;
    BrokerStatsProcessor processor;

    @BeforeEach
    void setUp() {
        stats = new BrokerStats("C");
        groups = new SubscriptionGroupManager(new BrokerConfig(), dir);
        offsets = new ConsumerOffsetManager(dir);
        topics = new TopicConfigManager(new BrokerConfig(), dir);
        topics.setOnCreated(tc -> { });
        TopicConfig ordered = new TopicConfig("ORDERED", 1, 1, 6);
        ordered.order = true;
        topics.update(ordered);
        topics.update(new TopicConfig("T", 2, 3, 6)); // 2 read queues, 3 write queues
        FakeStore store = new FakeStore().queue("T", 0, 0, 10).queue("T", 1, 0, 4).queue("T", 2, 0, 6)
                .queue("ORDERED", 0, 0, 5).storedAt("T", 0, 7, 70_000);
        ConsumeStatsBuilder builder = new ConsumeStatsBuilder(topics, offsets,
                new ConsumerManager((g, members) -> { }, 120_000), store.store(), stats, "broker-a");
        processor = new BrokerStatsProcessor(stats.keyed(), groups, offsets, builder, () -> "127.0.0.1:10911");
    }

    @Test
    void aStatsItemOverItsWindowsOrApachesNotExistRemark() throws Exception {
        ViewBrokerStatsDataRequestHeader h = new ViewBrokerStatsDataRequestHeader();
        h.statsName = "TOPIC_PUT_NUMS";
        h.statsKey = "T";
        RemotingCommand missing = processor.process(null,
                RemotingCommand.createRequest(RequestCode.VIEW_BROKER_STATS_DATA, h));
        assertThat(missing.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(missing.getRemark()).isEqualTo("The stats <TOPIC_PUT_NUMS> <T> not exist");

        stats.recordPut("T", 30, 3000);
        stats.sample(1_000_000, new StoreCounters(30, 0, 0, 0));
        RemotingCommand found = processor.process(null,
                RemotingCommand.createRequest(RequestCode.VIEW_BROKER_STATS_DATA, h));
        BrokerStatsData body = Json.fromBytes(found.getBody(), BrokerStatsData.class);
        assertThat(body.statsMinute.sum).isEqualTo(30);
        assertThat(body.statsMinute.tps).isEqualTo(3.0);
        assertThat(body.statsMinute.avgpt).isEqualTo(30.0);
        assertThat(body.statsHour.sum).isEqualTo(30);
        assertThat(body.statsDay.sum).isEqualTo(30);
    }

    @Test
    void everyGroupWithItsTopicsOverTheWriteQueues() throws Exception {
        groups.update(new SubscriptionGroupConfig("G"));
        groups.update(new SubscriptionGroupConfig("IDLE"));
        offsets.commit("G", "T", 0, 8);
        offsets.commit("G", "T", 2, 6);
        offsets.commit("G", "ORDERED", 0, 5);
        offsets.commit("G", "GONE", 0, 1); // a topic the broker no longer has is left out
        GetConsumeStatsInBrokerHeader h = new GetConsumeStatsInBrokerHeader();
        ConsumeStatsList all = Json.fromBytes(processor.process(null,
                RemotingCommand.createRequest(RequestCode.GET_BROKER_CONSUME_STATS, h)).getBody(),
                ConsumeStatsList.class);
        assertThat(all.brokerAddr).isEqualTo("127.0.0.1:10911");
        Map<String, List<ConsumeStats>> byGroup = new HashMap<>();
        all.consumeStatsList.forEach(byGroup::putAll);
        assertThat(byGroup.get("IDLE")).isEmpty();
        List<ConsumeStats> g = byGroup.get("G");
        assertThat(g).hasSize(2);
        ConsumeStats t = g.stream().filter(cs -> cs.offsetTable.keySet().iterator().next().topic.equals("T"))
                .findFirst().orElseThrow();
        assertThat(t.offsetTable).hasSize(3);
        assertThat(t.offsetTable.get(new MessageQueue("T", "broker-a", 0)).lastTimestamp).isEqualTo(70_000);
        assertThat(t.offsetTable.get(new MessageQueue("T", "broker-a", 1)).consumerOffset).isZero();
        // T: (10-8) + (4-0) + (6-6); ORDERED: 5-5
        assertThat(all.totalDiff).isEqualTo(6);

        h.isOrder = true;
        ConsumeStatsList ordered = Json.fromBytes(processor.process(null,
                RemotingCommand.createRequest(RequestCode.GET_BROKER_CONSUME_STATS, h)).getBody(),
                ConsumeStatsList.class);
        Map<String, List<ConsumeStats>> orderedByGroup = new HashMap<>();
        ordered.consumeStatsList.forEach(orderedByGroup::putAll);
        assertThat(orderedByGroup.get("G")).singleElement().satisfies(cs -> assertThat(cs.offsetTable.keySet())
                .extracting(mq -> mq.topic).containsOnly("ORDERED"));
        assertThat(ordered.totalDiff).isZero();
    }
}
