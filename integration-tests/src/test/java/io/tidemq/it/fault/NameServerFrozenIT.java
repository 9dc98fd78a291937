package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.TideNamesrvProcess;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each of two NameServers (processes of their own) frozen by SIGSTOP for 12 s in turn, its connections left open,
 * while a producer sends and a consumer reads through two masters. The clients carry on with the routes they hold:
 * every send is acknowledged and every message consumed. After SIGCONT the frozen NameServer serves the current
 * routes again (the brokers' registrations to it were only late, never lost).
 */
class NameServerFrozenIT {
    private static final String TOPIC = "NAMESRV_FROZEN_TOPIC";
    private static final long FREEZE_MILLIS = 12_000;

    @TempDir
    Path dir;

    @Test
    void clientsCarryOnWhileANameServerIsFrozen() throws Exception {
        try (TideNamesrvProcess nsA = TideNamesrvProcess.start("127.0.0.1", dir.resolve("ns-a"));
             TideNamesrvProcess nsB = TideNamesrvProcess.start("127.0.0.1", dir.resolve("ns-b"))) {
            String both = nsA.address() + ";" + nsB.address();
            try (TwoMasters masters = new TwoMasters(both, dir, TOPIC)) {
                Map<String, String> received = new ConcurrentHashMap<>();
                DefaultMQPushConsumer consumer = Clients.recordingConsumer(both, "CG_NS_FROZEN", TOPIC, received);
                DefaultMQProducer producer = Clients.producer("PG_NS_FROZEN", both);
                producer.start();
                Map<String, String> acked = new ConcurrentHashMap<>();
                Map<String, Integer> outcomes = new TreeMap<>();
                try {
                    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                            .until(() -> send(producer, "warm", acked).getSendStatus() == SendStatus.SEND_OK);
                    for (TideNamesrvProcess frozen : new TideNamesrvProcess[]{nsA, nsB}) {
                        frozen.freeze();
                        long end = System.currentTimeMillis() + FREEZE_MILLIS;
                        try {
                            for (int i = 0; System.currentTimeMillis() < end; i++) {
                                String outcome;
                                try {
                                    outcome = send(producer, frozen.address() + "-" + i, acked).getSendStatus()
                                            .name();
                                } catch (Exception e) {
                                    outcome = e.getClass().getSimpleName();
                                }
                                outcomes.merge(outcome, 1, Integer::sum);
                                Thread.sleep(20);
                            }
                        } finally {
                            frozen.thaw();
                        }
                        // thawed: it answers with the current route, both masters in it
                        DefaultMQAdminExt only = Clients.admin(frozen.address());
                        only.start();
                        try {
                            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                                TopicRouteData route = only.examineTopicRouteInfo(TOPIC);
                                return route.getBrokerDatas().size() == 2;
                            });
                        } finally {
                            only.shutdown();
                        }
                    }
                    await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(acked.keySet()));
                    acked.forEach((k, v) -> assertThat(received.get(k)).as(k).isEqualTo(v));
                    assertThat(outcomes).as("every send during the freezes").containsOnlyKeys("SEND_OK");
                    FaultReport.record("each of two NameServers frozen (SIGSTOP) for 12 s in turn, its connections "
                                    + "open", NameServerFrozenIT.class, "the running producer and consumer carried "
                                    + "on with their routes: " + outcomes + "; the thawed NameServer served the current "
                                    + "route", acked.size(), String.valueOf(acked.keySet().stream()
                                    .filter(k -> !acked.get(k).equals(received.get(k))).count()),
                            "-", "-");
                } finally {
                    producer.shutdown();
                    consumer.shutdown();
                }
            }
        }
    }

    private static SendResult send(DefaultMQProducer producer, String key, Map<String, String> acked)
            throws Exception {
        String body = "body of " + key;
        Message m = new Message(TOPIC, "T", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        SendResult r = producer.send(m);
        if (r.getSendStatus() == SendStatus.SEND_OK) {
            acked.put(key, body);
        }
        return r;
    }
}
