package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The official 4.9.3 producer and consumers against our NameServer and broker: every send and consume style. */
class ProduceConsumeIT {
    @TempDir
    static Path dir;
    static TideNamesrv namesrv;
    static TideBroker broker;
    static DefaultMQProducer producer;

    @BeforeAll
    static void start() throws Exception {
        namesrv = new TideNamesrv(dir.resolve("ns"));
        broker = new TideBroker(namesrv.address(), dir.resolve("broker"), Map.of("autoCreateTopicEnable", "true"));
        producer = Clients.producer("PG_IT", namesrv.address());
        producer.start();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private static Message msg(String topic, String tag, String body) {
        Message m = new Message(topic, tag, body.getBytes(StandardCharsets.UTF_8));
        m.setKeys("key-" + body);
        return m;
    }

    private static List<String> sendSync(String topic, int n, String prefix) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = prefix + "-" + i;
            SendResult r = producer.send(msg(topic, i % 2 == 0 ? "TagA" : "TagB", body));
            assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(r.getOffsetMsgId()).hasSize(32);
            bodies.add(body);
        }
        return bodies;
    }

    private static DefaultMQPushConsumer collect(String group, String topic, String expr, MessageModel model,
                                                 Collection<MessageExt> sink) throws Exception {
        DefaultMQPushConsumer c = Clients.pushConsumer(group, namesrv.address());
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.setMessageModel(model);
        c.subscribe(topic, expr);
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            sink.addAll(msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        c.start();
        return c;
    }

    private static List<String> bodies(Collection<MessageExt> msgs) {
        List<String> out = new ArrayList<>();
        for (MessageExt m : msgs) {
            out.add(new String(m.getBody(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void syncSendThenPushConsumeEveryBodyOnce() throws Exception {
        List<String> sent = sendSync("IT_SYNC", 300, "sync");
        ConcurrentLinkedQueue<MessageExt> got = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer c = collect("CG_SYNC", "IT_SYNC", "*", MessageModel.CLUSTERING, got);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= sent.size());
            Thread.sleep(500);
            assertThat(bodies(got)).containsExactlyInAnyOrderElementsOf(sent);
            for (MessageExt m : got) {
                assertThat(m.getTopic()).isEqualTo("IT_SYNC");
                assertThat(m.getKeys()).isEqualTo("key-" + new String(m.getBody(), StandardCharsets.UTF_8));
                assertThat(m.getTags()).isIn("TagA", "TagB");
                assertThat(m.getStoreHost().toString()).contains(String.valueOf(broker.controller().listenPort()));
            }
        } finally {
            c.shutdown();
        }
    }

    @Test
    void perQueueOrderIsKept() throws Exception {
        List<String> sent = sendSync("IT_ORDER", 200, "ord");
        ConcurrentLinkedQueue<MessageExt> got = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer c = collect("CG_ORDER_CHECK", "IT_ORDER", "*", MessageModel.CLUSTERING, got);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= sent.size());
            Map<Integer, List<Long>> offsetsByQueue = new ConcurrentHashMap<>();
            for (MessageExt m : got) {
                offsetsByQueue.computeIfAbsent(m.getQueueId(), q -> new ArrayList<>()).add(m.getQueueOffset());
            }
            long total = 0;
            for (List<Long> offsets : offsetsByQueue.values()) {
                List<Long> sorted = new ArrayList<>(offsets);
                sorted.sort(Long::compare);
                for (int i = 0; i < sorted.size(); i++) {
                    assertThat(sorted.get(i)).isEqualTo(i);
                }
                total += sorted.size();
            }
            assertThat(total).isEqualTo(200);
        } finally {
            c.shutdown();
        }
    }

    @Test
    void asyncOnewayAndBatchSends() throws Exception {
        String topic = "IT_ASYNC";
        int n = 100;
        CountDownLatch done = new CountDownLatch(n);
        Set<String> failures = ConcurrentHashMap.newKeySet();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "async-" + i;
            sent.add(body);
            producer.send(msg(topic, "TagA", body), new SendCallback() {
                @Override
                public void onSuccess(SendResult r) {
                    if (r.getSendStatus() != SendStatus.SEND_OK) {
                        failures.add(body);
                    }
                    done.countDown();
                }

                @Override
                public void onException(Throwable e) {
                    failures.add(body + ":" + e);
                    done.countDown();
                }
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        for (int i = 0; i < 50; i++) {
            String body = "oneway-" + i;
            sent.add(body);
            producer.sendOneway(msg(topic, "TagA", body));
        }
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = "batch-" + i;
            sent.add(body);
            batch.add(msg(topic, "TagA", body));
        }
        SendResult br = producer.send(batch);
        assertThat(br.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(br.getOffsetMsgId().split(",")).hasSize(50);

        ConcurrentLinkedQueue<MessageExt> got = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer c = collect("CG_ASYNC", topic, "*", MessageModel.CLUSTERING, got);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= sent.size());
            Thread.sleep(500);
            assertThat(bodies(got)).containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            c.shutdown();
        }
    }

    @Test
    void tagSubscriptionReceivesOnlyItsTag() throws Exception {
        List<String> sent = sendSync("IT_TAGS", 100, "tag");
        List<String> tagA = new ArrayList<>();
        for (int i = 0; i < sent.size(); i += 2) {
            tagA.add(sent.get(i));
        }
        ConcurrentLinkedQueue<MessageExt> got = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer c = collect("CG_TAGS", "IT_TAGS", "TagA", MessageModel.CLUSTERING, got);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= tagA.size());
            Thread.sleep(1500);
            assertThat(bodies(got)).containsExactlyInAnyOrderElementsOf(tagA);
            assertThat(got).allMatch(m -> "TagA".equals(m.getTags()));
        } finally {
            c.shutdown();
        }
    }

    @Test
    void broadcastingDeliversEverythingToEveryConsumer() throws Exception {
        String topic = "IT_BCAST";
        sendSync(topic, 2, "warm");
        ConcurrentLinkedQueue<MessageExt> a = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<MessageExt> b = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer ca = collect("CG_BCAST", topic, "*", MessageModel.BROADCASTING, a);
        DefaultMQPushConsumer cb = collect("CG_BCAST", topic, "*", MessageModel.BROADCASTING, b);
        try {
            List<String> sent = new ArrayList<>(List.of("warm-0", "warm-1"));
            sent.addAll(sendSync(topic, 60, "bc"));
            await().atMost(Duration.ofSeconds(60)).until(() -> a.size() >= sent.size() && b.size() >= sent.size());
            assertThat(bodies(a)).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(bodies(b)).containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            ca.shutdown();
            cb.shutdown();
        }
    }

    @Test
    void twoConsumersInOneGroupShareQueuesAndConsumeEachMessageOnce() throws Exception {
        String topic = "IT_SHARE";
        sendSync(topic, 1, "create");
        ConcurrentLinkedQueue<MessageExt> a = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<MessageExt> b = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer ca = collect("CG_SHARE", topic, "*", MessageModel.CLUSTERING, a);
        DefaultMQPushConsumer cb = collect("CG_SHARE", topic, "*", MessageModel.CLUSTERING, b);
        try {
            // RocketMQ delivers at least once: a queue changing hands mid-consumption may repeat messages, so the
            // messages are sent once the group has settled on a split of the four queues
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(ca, topic) > 0 && assigned(cb, topic) > 0
                    && assigned(ca, topic) + assigned(cb, topic) == 4);
            a.clear();
            b.clear();
            List<String> sent = sendSync(topic, 400, "share");
            await().atMost(Duration.ofSeconds(60)).until(() -> a.size() + b.size() >= sent.size());
            Thread.sleep(1000);
            List<String> all = bodies(a);
            all.addAll(bodies(b));
            all.removeIf(body -> body.startsWith("create"));
            assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
            Set<Integer> queuesA = new HashSet<>();
            a.forEach(m -> queuesA.add(m.getQueueId()));
            Set<Integer> queuesB = new HashSet<>();
            b.forEach(m -> queuesB.add(m.getQueueId()));
            assertThat(queuesA).isNotEmpty();
            assertThat(queuesB).isNotEmpty();
            assertThat(queuesA).doesNotContainAnyElementsOf(queuesB);
        } finally {
            ca.shutdown();
            cb.shutdown();
        }
    }

    private static long assigned(DefaultMQPushConsumer c, String topic) {
        return c.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet().stream()
                .filter(mq -> mq.getTopic().equals(topic)).count();
    }

    @Test
    void litePullConsumerAssignSeekPoll() throws Exception {
        String topic = "IT_LITE";
        List<String> sent = sendSync(topic, 40, "lite");
        DefaultLitePullConsumer c = Clients.litePullConsumer("CG_LITE", namesrv.address());
        // a new group starts at the first offset; seeking right after assign would race the 4.9.3 client's own
        // pull tasks, which may already hold a batch from the old position and deliver it as well (it failed so
        // once in CI), so the first pass starts where the group does and only the second pass seeks
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.start();
        try {
            Collection<MessageQueue> queues = c.fetchMessageQueues(topic);
            assertThat(queues).hasSize(4);
            c.assign(queues);
            List<MessageExt> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (got.size() < sent.size() && System.currentTimeMillis() < deadline) {
                got.addAll(c.poll(1000));
            }
            assertThat(bodies(got)).containsExactlyInAnyOrderElementsOf(sent);
            MessageQueue first = queues.iterator().next();
            long count = got.stream().filter(m -> m.getQueueId() == first.getQueueId()).count();
            c.seek(first, 1);
            List<MessageExt> again = new ArrayList<>();
            deadline = System.currentTimeMillis() + 30_000;
            while (again.size() < count - 1 && System.currentTimeMillis() < deadline) {
                again.addAll(c.poll(1000));
            }
            assertThat(again).hasSize((int) count - 1);
            assertThat(again).allMatch(m -> m.getQueueId() == first.getQueueId() && m.getQueueOffset() >= 1);
        } finally {
            c.shutdown();
        }
    }

    @Test
    void adminSeesTopicStatsAndConsumerProgress() throws Exception {
        String topic = "IT_ADMIN";
        sendSync(topic, 20, "adm");
        ConcurrentLinkedQueue<MessageExt> got = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer c = collect("CG_ADMIN", topic, "*", MessageModel.CLUSTERING, got);
        DefaultMQAdminExt admin = Clients.admin(namesrv.address());
        admin.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> got.size() >= 20);
            var stats = admin.examineTopicStats(topic);
            long total = stats.getOffsetTable().values().stream().mapToLong(o -> o.getMaxOffset()).sum();
            assertThat(total).isEqualTo(20);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var progress = admin.examineConsumeStats("CG_ADMIN");
                long consumed = progress.getOffsetTable().entrySet().stream()
                        .filter(e -> e.getKey().getTopic().equals(topic))
                        .mapToLong(e -> e.getValue().getConsumerOffset()).sum();
                assertThat(consumed).isEqualTo(20);
                assertThat(progress.computeTotalDiff()).isZero();
            });
            var conn = admin.examineConsumerConnectionInfo("CG_ADMIN");
            assertThat(conn.getConnectionSet()).hasSize(1);
            assertThat(conn.getSubscriptionTable()).containsKey(topic);
        } finally {
            c.shutdown();
            admin.shutdown();
        }
    }
}
