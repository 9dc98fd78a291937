package io.tidemq.it.ha;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Offsets a group commits while it consumes from the slave (master away) reach the master when it returns, so the
 * group does not consume those messages again. (Apache 4.9 keeps the master's stale offsets and the slave copies
 * them back: the group re-consumes.)
 */
class OffsetsCommittedOnSlaveIT {
    @TempDir
    Path dir;

    @Test
    void progressMadeOnTheSlaveSurvivesTheMastersReturn() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"))) {
            int masterPort = Ports.freeBrokerPort("127.0.0.2");
            Map<String, String> master = new HashMap<>(Map.of("brokerName", "broker-a", "brokerRole", "ASYNC_MASTER",
                    "listenPort", String.valueOf(masterPort), "flushConsumerOffsetInterval", "1000"));
            Map<String, String> slaveConf = Map.of("brokerName", "broker-a", "brokerRole", "SLAVE", "brokerId", "1",
                    "slaveSynchronizeInterval", "1000");
            try (TideBroker slave = new TideBroker("127.0.0.3", ns.address(), dir.resolve("s"), slaveConf)) {
                try (TideBroker m = new TideBroker("127.0.0.2", ns.address(), dir.resolve("m"), master)) {
                    DefaultMQProducer producer = Clients.producer("PG_SLAVE_OFFSETS", ns.address());
                    producer.start();
                    for (int i = 0; i < 100; i++) {
                        assertThat(producer.send(new Message("IT_SLAVE_OFFSETS",
                                ("o-" + i).getBytes(StandardCharsets.UTF_8))).getSendStatus())
                                .isEqualTo(SendStatus.SEND_OK);
                    }
                    producer.shutdown();
                    await().atMost(Duration.ofSeconds(20)).until(() ->
                            slave.controller().store().dispatchedPhyOffset() == m.controller().store().getMaxPhyOffset()
                                    && slave.controller().topicConfigManager().select("IT_SLAVE_OFFSETS") != null);
                }
                // master away: the group consumes everything from the slave and commits there
                List<String> first = new CopyOnWriteArrayList<>();
                DefaultMQPushConsumer c1 = consumer(ns.address(), first);
                await().atMost(Duration.ofSeconds(60)).until(() -> first.size() >= 100);
                c1.shutdown();
                assertThat(total(slave)).isEqualTo(100);

                try (TideBroker m = new TideBroker("127.0.0.2", ns.address(), dir.resolve("m"), master)) {
                    // the slave pushes what was committed on it; the master then holds the group's progress
                    await().atMost(Duration.ofSeconds(40)).until(() -> total(m) == 100);
                    List<String> again = new CopyOnWriteArrayList<>();
                    DefaultMQPushConsumer c2 = consumer(ns.address(), again);
                    Thread.sleep(5000);
                    c2.shutdown();
                    assertThat(again).isEmpty();
                }
            }
        }
    }

    private static long total(TideBroker broker) {
        long sum = 0;
        for (int q = 0; q < 4; q++) {
            sum += Math.max(0, broker.controller().consumerOffsetManager().query("CG_SLAVE_OFFSETS",
                    "IT_SLAVE_OFFSETS", q));
        }
        return sum;
    }

    private static DefaultMQPushConsumer consumer(String ns, List<String> sink) throws Exception {
        DefaultMQPushConsumer c = Clients.pushConsumer("CG_SLAVE_OFFSETS", ns);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe("IT_SLAVE_OFFSETS", "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> sink.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        c.start();
        return c;
    }
}
