package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
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

/** RECONSUME_LATER goes through %RETRY%group with growing reconsumeTimes, then lands in %DLQ%group. */
class RetryAndDeadLetterIT {
    @TempDir
    Path dir;

    @Test
    void retriedWithIncrementedCountThenDeadLettered() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker(ns.address(), dir.resolve("b"),
                     Map.of("messageDelayLevel", "1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s"))) {
            DefaultMQProducer producer = Clients.producer("PG_RETRY", ns.address());
            producer.start();
            List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
            DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_RETRY", ns.address());
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.setMaxReconsumeTimes(2);
            consumer.subscribe("IT_RETRY", "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                deliveries.addAll(msgs);
                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
            });
            consumer.start();
            try {
                SendResult r = producer.send(new Message("IT_RETRY", "TagR", "retry-me".getBytes(StandardCharsets.UTF_8)));
                assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() >= 3);
                List<Integer> counts = new ArrayList<>();
                for (MessageExt m : deliveries) {
                    assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo("retry-me");
                    assertThat(m.getTopic()).isEqualTo("IT_RETRY");
                    assertThat(m.getMsgId()).isEqualTo(r.getMsgId());
                    counts.add(m.getReconsumeTimes());
                }
                assertThat(counts.subList(0, 3)).containsExactly(0, 1, 2);

                // after maxReconsumeTimes the message is parked in the group's dead-letter queue
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        broker.controller().store().getMaxOffsetInQueue("%DLQ%CG_RETRY", 0) == 1);
                var dead = broker.controller().store().lookMessageByOffset(
                        broker.controller().store().getCommitLogOffsetInQueue("%DLQ%CG_RETRY", 0, 0));
                assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("retry-me");
                assertThat(dead.getReconsumeTimes()).isEqualTo(3);
                assertThat(dead.getProperty("RETRY_TOPIC")).isEqualTo("IT_RETRY");
                Thread.sleep(3000);
                assertThat(deliveries).hasSize(3);

                // three messages sent back (two retries, one to the DLQ), counted under the original topic
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                try {
                    await().atMost(Duration.ofSeconds(25)).ignoreExceptions().until(() -> admin.viewBrokerStatsData(
                            broker.address(), "SNDBCK_PUT_NUMS", "IT_RETRY@CG_RETRY").getStatsMinute().getSum() == 3);
                } finally {
                    admin.shutdown();
                }
            } finally {
                consumer.shutdown();
                producer.shutdown();
            }
        }
    }
}
