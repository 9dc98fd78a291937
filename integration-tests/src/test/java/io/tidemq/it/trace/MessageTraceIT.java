package io.tidemq.it.trace;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.MqAdmin;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Message trace of the official 4.9.3 client (enableMsgTrace): the producer's and the consumer's trace records are
 * stored like any message, found by the traced message's id, and mqadmin queryMsgTraceById shows the send and the
 * consumption; both with the default trace topic (auto-created on first use) and with a custom one that the broker
 * creates itself (traceTopicEnable, msgTraceTopicName).
 */
class MessageTraceIT {
    @TempDir
    Path dir;

    @Test
    void theDefaultTraceTopicShowsSendAndConsume() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker(ns.address(), dir.resolve("b"), Map.of())) {
            traceRoundTrip(ns, broker, "IT_TRACED", null);
        }
    }

    @Test
    void aCustomTraceTopicTheBrokerCreates() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker(ns.address(), dir.resolve("b"), Map.of("traceTopicEnable", "true",
                     "msgTraceTopicName", "IT_TRACE_TOPIC", "autoCreateTopicEnable", "false"))) {
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            try {
                assertThat(admin.examineTopicRouteInfo("IT_TRACE_TOPIC").getQueueDatas())
                        .singleElement().satisfies(q -> assertThat(q.getWriteQueueNums()).isEqualTo(1));
            } finally {
                admin.shutdown();
            }
            traceRoundTrip(ns, broker, "IT_TRACED_CUSTOM", "IT_TRACE_TOPIC");
        }
    }

    private void traceRoundTrip(TideNamesrv ns, TideBroker broker, String topic, String traceTopic) throws Exception {
        String traceTopicName = traceTopic == null ? "RMQ_SYS_TRACE_TOPIC" : traceTopic;
        DefaultMQAdminExt admin = Clients.admin(ns.address());
        admin.start();
        DefaultMQProducer producer = traceTopic == null ? new DefaultMQProducer("PG_TRACE", true)
                : new DefaultMQProducer("PG_TRACE", true, traceTopic);
        producer.setNamesrvAddr(ns.address());
        producer.setInstanceName("it-trace-producer-" + System.nanoTime());
        DefaultMQPushConsumer consumer = traceTopic == null ? new DefaultMQPushConsumer("CG_TRACE", true)
                : new DefaultMQPushConsumer("CG_TRACE", true, traceTopic);
        consumer.setNamesrvAddr(ns.address());
        consumer.setInstanceName("it-trace-consumer-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        List<String> consumed = new CopyOnWriteArrayList<>();
        try {
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, 2, 2, 6));
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                msgs.forEach(m -> consumed.add(m.getMsgId()));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            producer.start();
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
                    !producer.fetchPublishMessageQueues(topic).isEmpty());
            Message m = new Message(topic, "TagT", "order-42", "traced body".getBytes(StandardCharsets.UTF_8));
            SendResult sent = producer.send(m);
            assertThat(sent.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            String msgId = sent.getMsgId();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumed.contains(msgId));

            // the trace records are ordinary messages of the trace topic, keyed by the traced message's id
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                QueryResult r = admin.queryMessage(traceTopicName, msgId, 64, 0, System.currentTimeMillis());
                String records = String.join("", r.getMessageList().stream()
                        .map(x -> new String(x.getBody(), StandardCharsets.UTF_8)).toList());
                assertThat(records).contains("Pub\u0001").contains("SubAfter\u0001").contains(msgId);
                assertThat(r.getMessageList()).extracting(MessageExt::getTopic).containsOnly(traceTopicName);
            });

            String out = traceTopic == null
                    ? MqAdmin.run(dir, "queryMsgTraceById", "-n", ns.address(), "-i", msgId)
                    : MqAdmin.run(dir, "queryMsgTraceById", "-n", ns.address(), "-i", msgId, "-t", traceTopic);
            List<String> rows = out.lines().map(String::trim).toList();
            assertThat(rows).anySatisfy(l -> assertThat(l).startsWith("Pub").contains("PG_TRACE")
                    .contains("127.0.0.1").endsWith("success"));
            assertThat(rows).anySatisfy(l -> assertThat(l).startsWith("Sub").contains("CG_TRACE")
                    .contains("127.0.0.1").endsWith("success"));
        } finally {
            consumer.shutdown();
            producer.shutdown();
            admin.shutdown();
        }
    }
}
