package io.tidemq.it.admin;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.MqAdmin;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.admin.ConsumeStats;
import org.apache.rocketmq.common.admin.OffsetWrapper;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.BrokerStatsData;
import org.apache.rocketmq.common.protocol.body.CMResult;
import org.apache.rocketmq.common.protocol.body.ConsumeMessageDirectlyResult;
import org.apache.rocketmq.common.protocol.body.ConsumeQueueData;
import org.apache.rocketmq.common.protocol.body.ConsumeStatsList;
import org.apache.rocketmq.common.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.common.protocol.body.QueryConsumeQueueResponseBody;
import org.apache.rocketmq.common.protocol.body.QueueTimeSpan;
import org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring and inspection requests of mqadmin and the admin API (rocketmq-tools 4.9.3) against a live
 * consumer: its running info and offsets relayed from the client, a message consumed directly, the keyed stats
 * statsAll reads, the broker-wide consume stats, consume-queue units and time spans.
 */
class InspectionRequestsIT {
    private static final String TOPIC = "IT_INSPECT";
    private static final String GROUP = "CG_INSPECT";
    private static final int SENT = 40;

    @TempDir
    static Path dir;
    static TideNamesrv namesrv;
    static TideBroker broker;
    static DefaultMQProducer producer;
    static DefaultMQPushConsumer consumer;
    static DefaultMQAdminExt admin;
    static final List<String> consumed = new CopyOnWriteArrayList<>();
    static final List<SendResult> sends = new ArrayList<>();
    static String clientId;

    @BeforeAll
    static void start() throws Exception {
        namesrv = new TideNamesrv(dir.resolve("ns"));
        broker = new TideBroker(namesrv.address(), dir.resolve("b"), Map.of());
        admin = Clients.admin(namesrv.address());
        admin.start();
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 2, 2, 6));
        producer = Clients.producer("PG_INSPECT", namesrv.address());
        producer.start();
        consumer = Clients.pushConsumer(GROUP, namesrv.address());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeThreadMin(3);
        consumer.setConsumeThreadMax(3);
        consumer.subscribe(TOPIC, "TagA || TagB");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> consumed.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
                !producer.fetchPublishMessageQueues(TOPIC).isEmpty());
        for (int i = 0; i < SENT; i++) {
            SendResult r = producer.send(new Message(TOPIC, i % 2 == 0 ? "TagA" : "TagB",
                    ("m" + i).getBytes(StandardCharsets.UTF_8)));
            assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            sends.add(r);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed.size() >= SENT);
        clientId = admin.examineConsumerConnectionInfo(GROUP).getConnectionSet().iterator().next().getClientId();
        // the consumer commits its offsets to the broker every second
        await().atMost(Duration.ofSeconds(15)).until(() -> committed() == SENT);
    }

    @AfterAll
    static void stop() {
        consumer.shutdown();
        producer.shutdown();
        admin.shutdown();
        broker.close();
        namesrv.close();
    }

    private static long committed() throws Exception {
        ConsumeStats stats = admin.examineConsumeStats(GROUP, TOPIC);
        return stats.getOffsetTable().values().stream().mapToLong(OffsetWrapper::getConsumerOffset).sum();
    }

    @Test
    void consumerRunningInfoComesFromTheLiveClient() throws Exception {
        ConsumerRunningInfo info = admin.getConsumerRunningInfo(GROUP, clientId, false);
        assertThat(info.getProperties().getProperty("PROP_CONSUME_TYPE")).isEqualTo("CONSUME_PASSIVELY");
        assertThat(info.getProperties().getProperty("PROP_THREADPOOL_CORE_SIZE")).isEqualTo("3");
        assertThat(info.getSubscriptionSet()).extracting(SubscriptionData::getTopic).contains(TOPIC);
        assertThat(info.getSubscriptionSet()).filteredOn(sd -> sd.getTopic().equals(TOPIC))
                .extracting(SubscriptionData::getSubString).containsExactly("TagA || TagB");
        assertThat(info.getMqTable().keySet()).extracting(MessageQueue::getTopic).contains(TOPIC);

        assertThatThrownBy(() -> admin.getConsumerRunningInfo(GROUP, "127.0.0.1@nobody", false))
                .isInstanceOf(MQClientException.class)
                .hasMessageContaining("The Consumer <" + GROUP + "> <127.0.0.1@nobody> not online");

        String out = MqAdmin.run(dir, "consumerStatus", "-n", namesrv.address(), "-g", GROUP, "-i", clientId);
        assertThat(out).contains("#Consumer Subscription#").contains(TOPIC).contains("TagA || TagB")
                .contains("PROP_THREADPOOL_CORE_SIZE").contains("#Consumer Offset#");
    }

    @Test
    void consumerStatusGathersEachClientsOffsets() throws Exception {
        Map<String, Map<MessageQueue, Long>> status = admin.getConsumeStatus(TOPIC, GROUP, "");
        assertThat(status).containsOnlyKeys(clientId);
        assertThat(status.get(clientId).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(SENT);
        assertThat(status.get(clientId).keySet()).extracting(MessageQueue::getTopic).containsOnly(TOPIC);
        assertThat(admin.getConsumeStatus(TOPIC, GROUP, "someone-else")).isEmpty();
    }

    @Test
    void aMessageIsConsumedDirectlyByTheNamedClient() throws Exception {
        int before = consumed.size();
        SendResult sent = sends.get(7);
        ConsumeMessageDirectlyResult r = admin.consumeMessageDirectly(GROUP, clientId, sent.getOffsetMsgId());
        assertThat(r.getConsumeResult()).isEqualTo(CMResult.CR_SUCCESS);
        assertThat(consumed.subList(before, consumed.size())).containsExactly("m7");

        String out = MqAdmin.run(dir, "queryMsgById", "-n", namesrv.address(), "-i", sends.get(8).getOffsetMsgId(),
                "-g", GROUP, "-d", clientId);
        assertThat(out).contains("consumeResult=CR_SUCCESS");
        await().atMost(Duration.ofSeconds(5)).until(() -> consumed.contains("m8") && consumed.stream()
                .filter("m8"::equals).count() == 2);
    }

    @Test
    void statsItemsCountPutsAndPullsAsStatsAllShowsThem() throws Exception {
        // the minute window moves every 10 seconds
        BrokerStatsData put = await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(
                () -> admin.viewBrokerStatsData(broker.address(), "TOPIC_PUT_NUMS", TOPIC),
                d -> d.getStatsMinute().getSum() >= SENT);
        assertThat(put.getStatsMinute().getSum()).isEqualTo(SENT);
        assertThat(put.getStatsMinute().getTps()).isPositive();
        assertThat(put.getStatsMinute().getAvgpt()).isEqualTo(1.0); // one message per send
        BrokerStatsData get = await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(
                () -> admin.viewBrokerStatsData(broker.address(), "GROUP_GET_NUMS", TOPIC + "@" + GROUP),
                d -> d.getStatsMinute().getSum() >= SENT);
        assertThat(get.getStatsMinute().getSum()).isBetween((long) SENT, SENT + 2L); // + the directly consumed
        // the other items rocketmq-exporter reads: bytes per topic and group, messages per cluster
        BrokerStatsData putSize = admin.viewBrokerStatsData(broker.address(), "TOPIC_PUT_SIZE", TOPIC);
        assertThat(putSize.getStatsMinute().getSum()).isGreaterThan(SENT * 100L);
        assertThat(putSize.getStatsMinute().getAvgpt()).isGreaterThan(100);
        assertThat(admin.viewBrokerStatsData(broker.address(), "GROUP_GET_SIZE", TOPIC + "@" + GROUP)
                .getStatsMinute().getSum()).isGreaterThan(SENT * 100L);
        String cluster = broker.controller().brokerConfig().getBrokerClusterName();
        assertThat(admin.viewBrokerStatsData(broker.address(), "BROKER_PUT_NUMS", cluster).getStatsMinute()
                .getSum()).isGreaterThanOrEqualTo(SENT);
        assertThat(admin.viewBrokerStatsData(broker.address(), "BROKER_GET_NUMS", cluster).getStatsMinute()
                .getTps()).isPositive();
        assertThatThrownBy(() -> admin.viewBrokerStatsData(broker.address(), "TOPIC_PUT_NUMS", "NO_SUCH_TOPIC"))
                .hasMessageContaining("The stats <TOPIC_PUT_NUMS> <NO_SUCH_TOPIC> not exist");

        String out = MqAdmin.run(dir, "statsAll", "-n", namesrv.address(), "-t", TOPIC);
        String row = out.lines().filter(l -> l.startsWith(TOPIC)).findFirst().orElseThrow(() ->
                new AssertionError("no row for " + TOPIC + " in:\n" + out));
        String[] cols = row.trim().split("\\s+");
        // #Topic #Consumer Group #Accumulation #InTPS #OutTPS #InMsg24Hour #OutMsg24Hour
        assertThat(cols[1]).isEqualTo(GROUP);
        assertThat(Long.parseLong(cols[2])).isZero();
        assertThat(Double.parseDouble(cols[3])).isPositive();
        // the 24-hour columns come from the coarsest window that has samples; like 4.9's, the hour and day windows
        // move in 10-minute and 1-hour steps, so they may hold what was counted up to their last step only
        assertThat(Long.parseLong(cols[5])).isBetween(1L, (long) SENT);
        assertThat(Long.parseLong(cols[6])).isBetween(1L, SENT + 2L);
    }

    @Test
    void brokerConsumeStatsListEveryGroupsProgress() throws Exception {
        ConsumeStatsList list = admin.fetchConsumeStatsInBroker(broker.address(), false, 5000);
        assertThat(list.getBrokerAddr()).isEqualTo(broker.address());
        List<org.apache.rocketmq.common.admin.ConsumeStats> ours = new ArrayList<>();
        list.getConsumeStatsList().forEach(m -> ours.addAll(m.getOrDefault(GROUP, List.of())));
        // the group's topic, and its retry topic once the consumer has committed an offset there
        assertThat(ours.size()).isBetween(1, 2);
        assertThat(ours).flatExtracting(cs -> cs.getOffsetTable().keySet()).extracting(MessageQueue::getTopic)
                .contains(TOPIC).isSubsetOf(TOPIC, "%RETRY%" + GROUP);
        Map<MessageQueue, OffsetWrapper> table = ours.stream().filter(cs -> cs.getOffsetTable().keySet().stream()
                .allMatch(mq -> mq.getTopic().equals(TOPIC))).findFirst().orElseThrow().getOffsetTable();
        assertThat(table).hasSize(2);
        assertThat(table.values().stream().mapToLong(OffsetWrapper::getBrokerOffset).sum()).isEqualTo(SENT);
        assertThat(table.values().stream().mapToLong(OffsetWrapper::getConsumerOffset).sum()).isEqualTo(SENT);
        assertThat(table.values()).allSatisfy(w -> assertThat(w.getLastTimestamp()).isPositive());

        String out = MqAdmin.run(dir, "brokerConsumeStats", "-n", namesrv.address(), "-b", broker.address());
        assertThat(out.lines().filter(l -> l.startsWith(TOPIC) && l.contains(GROUP))).hasSize(2);
        assertThat(out).contains("Diff Total: 0");
    }

    @Test
    void queryCqShowsTheUnitsOfAQueue() throws Exception {
        List<SendResult> inQueue0 = sends.stream().filter(r -> r.getMessageQueue().getQueueId() == 0).toList();
        QueryConsumeQueueResponseBody body = admin.queryConsumeQueue(broker.address(), TOPIC, 0, 0, 5, GROUP);
        assertThat(body.getMaxQueueIndex()).isEqualTo(inQueue0.size());
        assertThat(body.getMinQueueIndex()).isZero();
        assertThat(body.getSubscriptionData().getSubString()).isEqualTo("TagA || TagB");
        assertThat(body.getQueueData()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            ConsumeQueueData d = body.getQueueData().get(i);
            MessageExt m = admin.viewMessage(inQueue0.get(i).getOffsetMsgId());
            assertThat(d.getPhysicOffset()).isEqualTo(m.getCommitLogOffset());
            assertThat(d.getPhysicSize()).isEqualTo(m.getStoreSize());
            assertThat(d.getTagsCode()).isEqualTo(m.getTags().hashCode());
            assertThat(d.isEval()).isTrue();
        }
        String out = MqAdmin.run(dir, "queryCq", "-n", namesrv.address(), "-t", TOPIC, "-q", "0", "-i", "1",
                "-c", "2");
        assertThat(out).contains("max: " + inQueue0.size() + ", min: 0").contains("idx: 1").contains("idx: 2")
                .contains("physicOffset=" + admin.viewMessage(inQueue0.get(2).getOffsetMsgId()).getCommitLogOffset());

        assertThatThrownBy(() -> admin.queryConsumeQueue(broker.address(), TOPIC, 7, 0, 5, GROUP))
                .hasMessageContaining("7@" + TOPIC + " is not exist!");
    }

    @Test
    void consumeTimeSpanAndCorrectionOffsetsFollowTheQueues() throws Exception {
        List<QueueTimeSpan> spans = admin.queryConsumeTimeSpan(TOPIC, GROUP);
        assertThat(spans).hasSize(2);
        long first = Long.MAX_VALUE;
        long last = 0;
        for (SendResult r : sends) {
            MessageExt m = admin.viewMessage(r.getOffsetMsgId());
            first = Math.min(first, m.getStoreTimestamp());
            last = Math.max(last, m.getStoreTimestamp());
        }
        for (QueueTimeSpan s : spans) {
            assertThat(s.getMinTimeStamp()).isBetween(first, last);
            assertThat(s.getMaxTimeStamp()).isBetween(s.getMinTimeStamp(), last);
            assertThat(s.getConsumeTimeStamp()).isEqualTo(s.getMaxTimeStamp()); // all consumed
            assertThat(s.getDelayTime()).isZero();
        }

        MQClientAPIImpl api = MQClientManager.getInstance().getOrCreateMQClientInstance(admin).getMQClientAPIImpl();
        Map<Integer, Long> correction = api.queryCorrectionOffset(broker.address(), TOPIC, "NO_SUCH_GROUP",
                new HashSet<>(), 5000);
        Map<Integer, Long> expected = new HashMap<>();
        for (SendResult r : sends) {
            expected.merge(r.getMessageQueue().getQueueId(), 1L, Long::sum);
        }
        assertThat(correction).isEqualTo(expected);
        assertThat(api.queryCorrectionOffset(broker.address(), TOPIC, "NO_SUCH_GROUP", Set.of(GROUP), 5000))
                .isEmpty();
    }
}
