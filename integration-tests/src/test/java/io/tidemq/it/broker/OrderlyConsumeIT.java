package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** MessageListenerOrderly (queue locks through LOCK_BATCH_MQ): each order's steps arrive in the order sent. */
class OrderlyConsumeIT {
    @TempDir
    Path dir;

    @Test
    void stepsOfEachOrderAreConsumedInOrder() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker(ns.address(), dir.resolve("b"), Map.of())) {
            DefaultMQProducer producer = Clients.producer("PG_ORDERLY", ns.address());
            producer.start();
            int orders = 8;
            int steps = 25;
            try {
                for (int step = 0; step < steps; step++) {
                    for (int order = 0; order < orders; order++) {
                        Message m = new Message("IT_ORDERLY", "T", (order + ":" + step).getBytes(StandardCharsets.UTF_8));
                        SendResult r = producer.send(m, (mqs, msg, arg) -> mqs.get((Integer) arg % mqs.size()), order);
                        assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    }
                }
            } finally {
                producer.shutdown();
            }
            Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
            AtomicInteger total = new AtomicInteger();
            DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_ORDERLY", ns.address());
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe("IT_ORDERLY", "*");
            consumer.registerMessageListener((MessageListenerOrderly) (msgs, ctx) -> {
                for (MessageExt m : msgs) {
                    String[] parts = new String(m.getBody(), StandardCharsets.UTF_8).split(":");
                    seen.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ArrayList<>())
                            .add(Integer.parseInt(parts[1]));
                    total.incrementAndGet();
                }
                return ConsumeOrderlyStatus.SUCCESS;
            });
            consumer.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> total.get() >= orders * steps);
                assertThat(seen).hasSize(orders);
                List<Integer> expected = new ArrayList<>();
                for (int s = 0; s < steps; s++) {
                    expected.add(s);
                }
                for (List<Integer> got : seen.values()) {
                    assertThat(got).containsExactlyElementsOf(expected);
                }
            } finally {
                consumer.shutdown();
            }
        }
    }
}
