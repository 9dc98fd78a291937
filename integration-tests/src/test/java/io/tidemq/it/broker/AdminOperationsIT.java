package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.SingleBroker;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.admin.RollbackStats;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.body.KVTable;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operators do with mqadmin (DefaultMQAdminExt 4.9.3) against our broker. */
class AdminOperationsIT {
    @TempDir
    static Path dir;
    static SingleBroker cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SingleBroker.start(dir, "PG_ADMIN_OPS");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static SendResult send(String topic, String key, String body) throws Exception {
        Message m = new Message(topic, "T", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        return cluster.producer.send(m);
    }

    @Test
    void topicsCreatedConcurrentlyAllReachTheNameServer() throws Exception {
        // each creation is registered incrementally; concurrent ones must not hide each other from the NameServer
        int threads = 8;
        int perThread = 25;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    org.apache.rocketmq.common.TopicConfig tc =
                            new org.apache.rocketmq.common.TopicConfig("IT_MANY_" + id + "_" + i, 3, 3, 6);
                    try {
                        cluster.admin.createAndUpdateTopicConfig(cluster.broker.address(), tc);
                    } catch (Exception e) {
                        errors.add(e);
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertThat(errors).isEmpty();
        // well inside the 30 s re-registration period: the increments themselves must have carried every topic
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            java.util.Set<String> known = cluster.admin.fetchAllTopicList().getTopicList();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertThat(known).contains("IT_MANY_" + t + "_" + i);
                }
            }
        });
        assertThat(cluster.admin.examineTopicRouteInfo("IT_MANY_7_24").getQueueDatas().get(0).getWriteQueueNums())
                .isEqualTo(3);
    }

    @Test
    void clusterListAndRuntimeInfo() throws Exception {
        ClusterInfo info = cluster.admin.examineBrokerClusterInfo();
        assertThat(info.getClusterAddrTable().get("DefaultCluster")).containsExactly(cluster.broker.brokerName());
        assertThat(info.getBrokerAddrTable().get(cluster.broker.brokerName()).getBrokerAddrs()).containsEntry(0L,
                cluster.broker.address());
        send("IT_RUNTIME", "k", "v");
        KVTable kv = cluster.admin.fetchBrokerRuntimeStats(cluster.broker.address());
        assertThat(kv.getTable()).containsEntry("brokerVersionDesc", "V4_9_3").containsKeys("putTps",
                "getTransferedTps", "commitLogDiskRatio", "earliestMessageTimeStamp", "commitLogMaxOffset");
        assertThat(Double.parseDouble(kv.getTable().get("commitLogDiskRatio"))).isBetween(0.0, 1.0);
        assertThat(Long.parseLong(kv.getTable().get("commitLogMaxOffset"))).isPositive();
        assertThat(Long.parseLong(kv.getTable().get("msgPutTotalTodayNow"))).isPositive();
    }

    @Test
    void queryByKeyAndViewById() throws Exception {
        SendResult first = send("IT_QUERY", "order-42", "payload-42");
        send("IT_QUERY", "order-43", "payload-43");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            QueryResult r = cluster.admin.queryMessage("IT_QUERY", "order-42", 32, 0, Long.MAX_VALUE);
            assertThat(r.getMessageList()).hasSize(1);
            assertThat(new String(r.getMessageList().get(0).getBody(), StandardCharsets.UTF_8))
                    .isEqualTo("payload-42");
        });
        MessageExt viewed = cluster.admin.viewMessage(first.getOffsetMsgId());
        assertThat(new String(viewed.getBody(), StandardCharsets.UTF_8)).isEqualTo("payload-42");
        assertThat(viewed.getKeys()).isEqualTo("order-42");
        MessageExt byUniqueKey = cluster.admin.viewMessage("IT_QUERY", first.getMsgId());
        assertThat(new String(byUniqueKey.getBody(), StandardCharsets.UTF_8)).isEqualTo("payload-42");
    }

    @Test
    void resetOffsetWithAnOnlineConsumerRedelivers() throws Exception {
        String topic = "IT_RESET_ONLINE";
        long before = System.currentTimeMillis() - 1000;
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            send(topic, "k" + i, "r-" + i);
            sent.add("r-" + i);
        }
        List<String> got = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer c = Clients.pushConsumer("CG_RESET_ONLINE", cluster.namesrv.address());
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> got.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        c.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= 20);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    cluster.admin.examineConsumeStats("CG_RESET_ONLINE").computeTotalDiff() == 0);
            // 20 messages pulled within the last minute: consumerProgress shows a consume rate
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    cluster.admin.examineConsumeStats("CG_RESET_ONLINE").getConsumeTps() > 0);
            got.clear();
            Map<MessageQueue, Long> reset = cluster.admin.resetOffsetByTimestamp(topic, "CG_RESET_ONLINE", before,
                    true);
            assertThat(reset.values()).containsOnly(0L);
            assertThat(reset).hasSize(4);
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= 20);
            assertThat(got).containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            c.shutdown();
        }
    }

    @Test
    void resetOffsetWithoutConsumersUsesTheOfflinePath() throws Exception {
        String topic = "IT_RESET_OFFLINE";
        for (int i = 0; i < 12; i++) {
            send(topic, "k" + i, "o-" + i);
        }
        DefaultMQPushConsumer c = Clients.pushConsumer("CG_RESET_OFFLINE", cluster.namesrv.address());
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, "*");
        List<String> got = new CopyOnWriteArrayList<>();
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> got.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        c.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= 12);
        c.shutdown();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                cluster.admin.examineConsumeStats("CG_RESET_OFFLINE").computeTotalDiff() == 0);
        List<RollbackStats> stats = cluster.admin.resetOffsetByTimestampOld("CG_RESET_OFFLINE", topic, 0, true);
        assertThat(stats).hasSize(4);
        assertThat(stats).allMatch(s -> s.getRollbackOffset() == 0);
        var progress = cluster.admin.examineConsumeStats("CG_RESET_OFFLINE");
        assertThat(progress.computeTotalDiff()).isEqualTo(12);
    }
}
