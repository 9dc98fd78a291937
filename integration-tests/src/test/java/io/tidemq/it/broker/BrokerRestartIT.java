package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
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

/** Committed offsets and stored messages survive a broker restart: no redelivery from zero, nothing lost. */
class BrokerRestartIT {
    @TempDir
    Path dir;

    @Test
    void offsetsAndMessagesSurviveRestart() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"))) {
            Path store = dir.resolve("store");
            List<String> firstBatch = new ArrayList<>();
            List<String> secondBatch = new ArrayList<>();
            List<MessageExt> consumedBefore = new CopyOnWriteArrayList<>();
            try (TideBroker broker = new TideBroker(ns.address(), store, Map.of())) {
                DefaultMQProducer producer = Clients.producer("PG_RESTART", ns.address());
                producer.start();
                for (int i = 0; i < 50; i++) {
                    firstBatch.add(send(producer, "first-" + i));
                }
                DefaultMQPushConsumer consumer = consumer(ns.address(), consumedBefore);
                await().atMost(Duration.ofSeconds(60)).until(() -> consumedBefore.size() >= 50);
                consumer.shutdown(); // persists offsets to the broker
                for (int i = 0; i < 30; i++) {
                    secondBatch.add(send(producer, "second-" + i));
                }
                producer.shutdown();
            }
            try (TideBroker broker = new TideBroker(ns.address(), store, Map.of())) {
                List<MessageExt> consumedAfter = new CopyOnWriteArrayList<>();
                DefaultMQPushConsumer consumer = consumer(ns.address(), consumedAfter);
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> consumedAfter.size() >= 30);
                    Thread.sleep(2000);
                    List<String> bodies = new ArrayList<>();
                    consumedAfter.forEach(m -> bodies.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                    assertThat(bodies).containsExactlyInAnyOrderElementsOf(secondBatch);
                } finally {
                    consumer.shutdown();
                }
                List<String> before = new ArrayList<>();
                consumedBefore.forEach(m -> before.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                assertThat(before).containsExactlyInAnyOrderElementsOf(firstBatch);
            }
        }
    }

    private static String send(DefaultMQProducer producer, String body) throws Exception {
        var r = producer.send(new Message("IT_RESTART", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        return body;
    }

    private static DefaultMQPushConsumer consumer(String ns, List<MessageExt> sink) throws Exception {
        DefaultMQPushConsumer c = Clients.pushConsumer("CG_RESTART", ns);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe("IT_RESTART", "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            sink.addAll(msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        c.start();
        return c;
    }
}
