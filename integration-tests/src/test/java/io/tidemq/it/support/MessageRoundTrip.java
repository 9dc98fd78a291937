package io.tidemq.it.support;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends N distinct messages with the official producer and checks that the official push consumer (a fresh group,
 * consuming from the first offset) receives every body exactly as sent, exactly once. Messages of earlier runs on
 * the same topic are ignored (each run marks its bodies with a random tag).
 */
public final class MessageRoundTrip {
    private MessageRoundTrip() {
    }

    /**
     * Runs one round trip on {@code topic} through {@code namesrvAddr} and returns the bodies received. Starts and
     * shuts down its own producer and consumer.
     */
    public static Set<String> run(String namesrvAddr, String topic, int count, Duration timeout) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String prefix = topic + "-" + tag + "-";
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_" + topic + "_" + tag, namesrvAddr);
        DefaultMQProducer producer = Clients.producer("PG_" + topic + "_" + tag, namesrvAddr);
        try {
            consumer.subscribe(topic, "*");
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                for (MessageExt m : msgs) {
                    String body = new String(m.getBody(), StandardCharsets.UTF_8);
                    if (body.startsWith(prefix)) {
                        received.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            producer.start();

            Set<String> sent = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                String body = prefix + i + "-" + "x".repeat(i % 50);
                SendResult r = producer.send(new Message(topic, "TagA", body.getBytes(StandardCharsets.UTF_8)));
                assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                sent.add(body);
            }

            await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(sent));
            assertThat(received.values()).allMatch(n -> n.get() == 1);
            assertThat(received.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(count);
            return Collections.unmodifiableSet(received.keySet());
        } finally {
            producer.shutdown();
            consumer.shutdown();
        }
    }
}
