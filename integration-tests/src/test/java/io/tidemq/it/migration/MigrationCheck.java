package io.tidemq.it.migration;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.QueueContents;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the target broker must show of a {@link MigrationWorkload} written on the source broker. */
final class MigrationCheck {
    private MigrationCheck() {
    }

    /** All that the source broker held, as the target broker at {@code brokerAddr} now serves it. */
    static void targetShowsEverything(MigrationWorkload w, String namesrv, String brokerAddr) throws Exception {
        sameMessages(w, namesrv);
        everythingElse(w, namesrv, brokerAddr);
    }

    /** Every message at its queue offset with every field as the source served it. */
    private static void sameMessages(MigrationWorkload w, String namesrv) throws Exception {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(QueueContents.read(namesrv, MigrationWorkload.TOPIC_A)).isNotEmpty());
        for (String t : List.of(MigrationWorkload.TOPIC_A, MigrationWorkload.TOPIC_B)) {
            assertThat(QueueContents.read(namesrv, t)).as(t).containsExactlyEntriesOf(w.contents.get(t));
        }
    }

    /**
     * Everything a user relies on after the move: consumer offsets, the rest of the group's messages, the pending
     * delayed message (and not the one already delivered), queries by key and by id, the admin-created topic and
     * group, and new sends continuing each queue.
     */
    private static void everythingElse(MigrationWorkload w, String namesrv, String brokerAddr) throws Exception {
        assertThat(MigrationWorkload.storedOffsets(namesrv)).isEqualTo(w.committed);
        groupResumesWhereItStopped(w, namesrv);
        DefaultMQAdminExt admin = Clients.admin(namesrv);
        admin.start();
        try {
            TopicRouteData route = admin.examineTopicRouteInfo(MigrationWorkload.TOPIC_ADMIN);
            assertThat(route.getQueueDatas()).singleElement().satisfies(q -> {
                assertThat(q.getReadQueueNums()).isEqualTo(2);
                assertThat(q.getWriteQueueNums()).isEqualTo(2);
            });
            assertThat(admin.examineSubscriptionGroupConfig(brokerAddr, MigrationWorkload.CUSTOM_GROUP)
                    .getRetryMaxTimes()).isEqualTo(5);
            for (String key : List.of("a-7", "a-399", "b-3", "b-145")) {
                String topic = key.startsWith("a") ? MigrationWorkload.TOPIC_A : MigrationWorkload.TOPIC_B;
                List<MessageExt> found = admin.queryMessage(topic, key, 32, 0, Long.MAX_VALUE).getMessageList();
                assertThat(found).as("query by key %s", key).singleElement().satisfies(m ->
                        assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo(w.bodyByKey.get(key)));
            }
            MessageExt byId = admin.viewMessage(w.offsetMsgIdByKey.get("a-123"));
            assertThat(new String(byId.getBody(), StandardCharsets.UTF_8)).isEqualTo(w.bodyByKey.get("a-123"));
        } finally {
            admin.shutdown();
        }
        delayedMessages(w, namesrv);
        newSendsContinueTheQueues(w, namesrv);
    }

    private static void groupResumesWhereItStopped(MigrationWorkload w, String namesrv) throws Exception {
        Set<String> expected = w.contents.get(MigrationWorkload.TOPIC_A).entrySet().stream()
                .filter(e -> {
                    String[] qo = e.getKey().split(":");
                    long committed = w.committed.entrySet().stream()
                            .filter(c -> c.getKey().getQueueId() == Integer.parseInt(qo[0]))
                            .findFirst().orElseThrow().getValue();
                    return Long.parseLong(qo[1]) >= committed;
                })
                .map(e -> e.getValue().substring(e.getValue().indexOf(" text=") + 6))
                .collect(Collectors.toSet());
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = Clients.pushConsumer(MigrationWorkload.GROUP, namesrv);
        consumer.subscribe(MigrationWorkload.TOPIC_A, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> received.computeIfAbsent(new String(m.getBody(), StandardCharsets.UTF_8),
                    b -> new AtomicInteger()).incrementAndGet());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= expected.size());
            Thread.sleep(1000);
            assertThat(received.keySet()).isEqualTo(expected);
        } finally {
            consumer.shutdown();
        }
    }

    private static void delayedMessages(MigrationWorkload w, String namesrv) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                QueueContents.read(namesrv, MigrationWorkload.TOPIC_DELAY).size() >= 2);
        long deliveredAfter = System.currentTimeMillis() - w.pendingDelaySentAt;
        assertThat(deliveredAfter).as("the 20 s delay is kept").isGreaterThanOrEqualTo(19_000);
        Thread.sleep(1000);
        Map<String, String> delay = QueueContents.read(namesrv, MigrationWorkload.TOPIC_DELAY);
        assertThat(delay.values().stream().map(l -> l.substring(l.indexOf(" text=") + 6)).toList())
                .containsExactlyInAnyOrder("early-delayed-body", "pending-delayed-body");
        assertThat(delay).containsAllEntriesOf(w.contents.get(MigrationWorkload.TOPIC_DELAY));
    }

    private static void newSendsContinueTheQueues(MigrationWorkload w, String namesrv) throws Exception {
        Map<Integer, Long> nextOffset = new ConcurrentHashMap<>();
        for (String key : w.contents.get(MigrationWorkload.TOPIC_A).keySet()) {
            String[] qo = key.split(":");
            nextOffset.merge(Integer.parseInt(qo[0]), Long.parseLong(qo[1]) + 1, Math::max);
        }
        DefaultMQProducer producer = Clients.producer("MigProducerAfter", namesrv);
        producer.start();
        try {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                SendResult r = producer.send(MigrationWorkload.message(MigrationWorkload.TOPIC_A, "after-" + i, "T",
                        "after-" + i));
                assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                MessageQueue mq = r.getMessageQueue();
                if (seen.add(mq.getQueueId())) {
                    assertThat(r.getQueueOffset()).as("first new offset of queue %d", mq.getQueueId())
                            .isEqualTo(nextOffset.get(mq.getQueueId()));
                }
            }
        } finally {
            producer.shutdown();
        }
    }
}
