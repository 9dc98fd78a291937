package io.tidemq.it.migration;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.QueueContents;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a broker holds before it is moved: messages of several sizes on two topics (one batch among them), a group
 * half way through one of them, a delayed message already delivered and one still pending, a topic and a
 * subscription group created by the admin tool. {@link #write} puts it on the running source broker and remembers
 * what it saw; the target broker must then show all of it.
 */
final class MigrationWorkload {
    static final String TOPIC_A = "MigA";
    static final String TOPIC_B = "MigB";
    static final String TOPIC_DELAY = "MigDelay";
    static final String TOPIC_ADMIN = "MigAdmin";
    static final String GROUP = "MigGroup";
    static final String CUSTOM_GROUP = "MigCustom";
    /** messageDelayLevel of both brokers: level 1 = 1 s (delivered before the move), 3 = 20 s (pending). */
    static final String DELAY_LEVELS = "1s 5s 20s";

    /**
     * The settings both brokers run with: the same file, as an operator moving a broker would keep it, on a free
     * port that both use (message ids name it). Mutable, for a test to take a key out.
     */
    static Map<String, String> brokerSettings(Path store, String namesrv) {
        int port = Ports.freeBrokerPort("127.0.0.1");
        Map<String, String> s = new LinkedHashMap<>();
        s.put("brokerClusterName", "DefaultCluster");
        s.put("brokerName", "broker-mig");
        s.put("brokerId", "0");
        s.put("brokerRole", "ASYNC_MASTER");
        s.put("flushDiskType", "ASYNC_FLUSH");
        s.put("brokerIP1", "127.0.0.1");
        s.put("brokerIP2", "127.0.0.1");
        s.put("listenPort", Integer.toString(port));
        s.put("namesrvAddr", namesrv);
        s.put("storePathRootDir", store.toString());
        s.put("storePathCommitLog", store.resolve("commitlog").toString());
        // small files, so that the data spans several CommitLog, consume-queue and index files
        s.put("mappedFileSizeCommitLog", Integer.toString(256 * 1024));
        s.put("mappedFileSizeConsumeQueue", Integer.toString(20 * 100));
        s.put("maxHashSlotNum", "500");
        s.put("maxIndexNum", "600");
        s.put("messageDelayLevel", DELAY_LEVELS);
        s.put("autoCreateTopicEnable", "true");
        s.put("flushIntervalConsumeQueue", "200");
        // persisted often, so that a kill -9 variant finds the offsets the test committed just before it
        s.put("flushConsumerOffsetInterval", "1000");
        s.put("flushDelayOffsetInterval", "1000");
        return s;
    }

    final Map<String, Map<String, String>> contents = new HashMap<>();
    final Map<MessageQueue, Long> committed = new HashMap<>();
    final Map<String, String> bodyByKey = new HashMap<>();
    final Map<String, String> offsetMsgIdByKey = new HashMap<>();
    long pendingDelaySentAt;

    /** Writes everything on the broker {@code brokerAddr} (registered with {@code namesrv}) and snapshots it. */
    void write(String namesrv, String brokerAddr) throws Exception {
        DefaultMQAdminExt admin = Clients.admin(namesrv);
        DefaultMQProducer producer = Clients.producer("MigProducer", namesrv);
        admin.start();
        producer.start();
        try {
            admin.createAndUpdateTopicConfig(brokerAddr, new TopicConfig(TOPIC_ADMIN, 2, 2, 6));
            SubscriptionGroupConfig custom = new SubscriptionGroupConfig();
            custom.setGroupName(CUSTOM_GROUP);
            custom.setRetryMaxTimes(5);
            custom.setConsumeBroadcastEnable(false);
            admin.createAndUpdateSubscriptionGroupConfig(brokerAddr, custom);

            send(producer, delayed(TOPIC_DELAY, "early", 1));
            for (int i = 0; i < 400; i++) {
                Message m = message(TOPIC_A, "a-" + i, "T" + (i % 3), body("a", i, 200 + (i * 37) % 1800));
                m.putUserProperty("seq", Integer.toString(i));
                send(producer, m);
            }
            for (int i = 0; i < 140; i++) {
                send(producer, message(TOPIC_B, "b-" + i, "TB", body("b", i, 100 + (i * 53) % 900)));
            }
            List<Message> batch = new ArrayList<>();
            for (int i = 140; i < 150; i++) {
                batch.add(message(TOPIC_B, "b-" + i, "TB", body("b", i, 64)));
            }
            SendResult batchResult = producer.send(batch);
            assertThat(batchResult.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            for (int i = 140; i < 150; i++) {
                bodyByKey.put("b-" + i, body("b", i, 64));
            }
            commitHalfWay(namesrv);
            // the early delayed message has been delivered to its topic (by the source broker) before the move
            await().atMost(Duration.ofSeconds(20)).until(() -> QueueContents.read(namesrv, TOPIC_DELAY).size() == 1);
            send(producer, delayed(TOPIC_DELAY, "pending", 3));
            pendingDelaySentAt = System.currentTimeMillis();
            for (String t : List.of(TOPIC_A, TOPIC_B, TOPIC_DELAY)) {
                contents.put(t, QueueContents.read(namesrv, t));
            }
            assertThat(contents.get(TOPIC_A)).hasSize(400);
            assertThat(contents.get(TOPIC_B)).hasSize(150);
            assertThat(contents.get(TOPIC_DELAY)).hasSize(1);
        } finally {
            producer.shutdown();
            admin.shutdown();
        }
    }

    /** MigGroup commits half of each queue of MigA, and the broker confirms the offsets. */
    private void commitHalfWay(String namesrv) throws Exception {
        DefaultMQPullConsumer c = new DefaultMQPullConsumer(GROUP);
        c.setNamesrvAddr(namesrv);
        c.setInstanceName("mig-commit-" + System.nanoTime());
        c.start();
        try {
            for (MessageQueue mq : c.fetchSubscribeMessageQueues(TOPIC_A)) {
                long half = c.maxOffset(mq) / 2;
                c.updateConsumeOffset(mq, half);
                committed.put(mq, half);
                // acknowledged, not oneway: a oneway update may still be unsent when the client shuts down
                c.getOffsetStore().updateConsumeOffsetToBroker(mq, half, false);
            }
        } finally {
            c.shutdown();
        }
        assertThat(committed.values()).allMatch(o -> o > 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storedOffsets(namesrv))
                .isEqualTo(committed));
    }

    /** MigGroup's offsets of MigA as the broker answers QUERY_CONSUMER_OFFSET. */
    static Map<MessageQueue, Long> storedOffsets(String namesrv) throws Exception {
        DefaultMQPullConsumer c = new DefaultMQPullConsumer(GROUP);
        c.setNamesrvAddr(namesrv);
        c.setInstanceName("mig-offsets-" + System.nanoTime());
        c.start();
        try {
            Map<MessageQueue, Long> out = new HashMap<>();
            for (MessageQueue mq : c.fetchSubscribeMessageQueues(TOPIC_A)) {
                out.put(mq, c.fetchConsumeOffset(mq, true));
            }
            return out;
        } finally {
            c.shutdown();
        }
    }

    private void send(DefaultMQProducer producer, Message m) throws Exception {
        SendResult r = producer.send(m);
        assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        bodyByKey.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
        offsetMsgIdByKey.put(m.getKeys(), r.getOffsetMsgId());
    }

    private static Message delayed(String topic, String key, int level) {
        Message m = message(topic, key, "TD", key + "-delayed-body");
        m.setDelayTimeLevel(level);
        return m;
    }

    static Message message(String topic, String key, String tag, String body) {
        Message m = new Message(topic, tag, body.getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        return m;
    }

    /** A body of about {@code size} bytes that names its message. */
    static String body(String prefix, int i, int size) {
        StringBuilder sb = new StringBuilder(prefix).append('-').append(i).append(':');
        while (sb.length() < size) {
            sb.append((char) ('a' + (sb.length() * 7 + i) % 26));
        }
        return sb.toString();
    }
}
