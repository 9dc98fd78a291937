package io.tidemq.it.fault;

import io.tidemq.it.support.AckedSends;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.FaultyLink;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official clients reach the broker over links with delay and loss ({@link FaultyLink} in front of the address
 * the broker advertises, for its main and its VIP port): 50-200 ms each way, then 5% and 20% of chunks lost. A
 * producer sends and a push consumer consumes all along; every acknowledged message is consumed with its body, and
 * the broker keeps serving a client that reaches it directly.
 */
class ClientLinkDelayedAndLossyIT {
    private static final String TOPIC = "LOSSY_CLIENT_TOPIC";
    private static final String ADVERTISED = "127.0.0.5";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageIsConsumedOverADelayedLossyLink() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess broker = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-lossy-clients", "brokerIP1", ADVERTISED))) {
            int port = Integer.parseInt(broker.address().split(":")[1]);
            try (FaultyLink main = FaultyLink.start(ADVERTISED, port, "127.0.0.2:" + port);
                 FaultyLink vip = FaultyLink.start(ADVERTISED, port - 2, "127.0.0.2:" + (port - 2))) {
                broker.start();
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                Map<String, String> acked = new ConcurrentHashMap<>();
                Map<String, String> consumed = new ConcurrentHashMap<>();
                DefaultMQProducer producer = Clients.producer("PG_LOSSY_CLIENTS", ns.address());
                DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_LOSSY_CLIENTS", ns.address());
                consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
                consumer.subscribe(TOPIC, "*");
                consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                    for (MessageExt m : msgs) {
                        consumed.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
                try {
                    admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
                    producer.start();
                    consumer.start();
                    int[] seq = {0};
                    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                            .until(() -> send(producer, seq[0]++, acked, new TreeMap<>()));

                    record Phase(String name, long min, long max, double loss) {
                    }
                    for (Phase phase : List.of(new Phase("delayed 50-200 ms each way", 50, 200, 0),
                            new Phase("delayed 50-200 ms, 5% of chunks lost", 50, 200, 0.05),
                            new Phase("delayed 50-200 ms, 20% of chunks lost", 50, 200, 0.20))) {
                        for (FaultyLink l : List.of(main, vip)) {
                            l.set(Duration.ofMillis(phase.min()), Duration.ofMillis(phase.max()), phase.loss());
                        }
                        Map<String, Integer> outcomes = new TreeMap<>();
                        int before = acked.size();
                        long lossesBefore = main.losses() + vip.losses();
                        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                        while (System.nanoTime() < until) {
                            send(producer, seq[0]++, acked, outcomes);
                        }
                        int phaseAcked = acked.size() - before;
                        assertThat(phaseAcked).as("%s: sends acknowledged", phase.name()).isPositive();
                        // what was acknowledged in this phase reaches the consumer over the same link
                        await().atMost(Duration.ofSeconds(60)).until(() ->
                                consumed.keySet().containsAll(acked.keySet()));
                        long lost = acked.entrySet().stream()
                                .filter(e -> !e.getValue().equals(consumed.get(e.getKey()))).count();
                        assertThat(lost).isZero();
                        FaultReport.record("client links of a producer and a push consumer " + phase.name()
                                        + " (user-space proxy, " + (main.losses() + vip.losses() - lossesBefore)
                                        + " chunks lost)", ClientLinkDelayedAndLossyIT.class, outcomes
                                        + "; the consumer received each acknowledged message over the same link",
                                phaseAcked, "0 (consumed, bodies compared)", "-", "-");
                    }
                } finally {
                    consumer.shutdown();
                    producer.shutdown();
                    admin.shutdown();
                }
            }
        }
    }

    private static boolean send(DefaultMQProducer producer, int i, Map<String, String> acked,
                                Map<String, Integer> outcomes) {
        return AckedSends.sendCounting(producer, TOPIC, "k" + i, "lossy-client-" + i + "-" + "z".repeat(i % 500),
                acked, outcomes);
    }
}
