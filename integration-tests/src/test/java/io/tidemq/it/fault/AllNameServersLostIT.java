package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two NameServers and two masters; a producer and a push consumer of the official 4.9.3 client polling routes every
 * second. One NameServer is stopped, then the other: with no NameServer at all the clients carry on with the routes
 * they hold (every send acknowledged, every message consumed, both masters used). The NameServers come back empty at
 * the same addresses; the brokers register again by themselves, and a client that never saw a route before finds
 * both masters.
 */
class AllNameServersLostIT {
    private static final String TOPIC = "NAMESRV_LOST_TOPIC";

    @TempDir
    Path dir;

    @Test
    void clientsCarryOnWithCachedRoutesAndBrokersRegisterAgain() throws Exception {
        int portA = Ports.free("127.0.0.1");
        int portB = Ports.free("127.0.0.1");
        String both = "127.0.0.1:" + portA + ";127.0.0.1:" + portB;
        TideNamesrv nsA = TideNamesrv.onPort("127.0.0.1", portA, dir.resolve("ns-a"));
        TideNamesrv nsB = TideNamesrv.onPort("127.0.0.1", portB, dir.resolve("ns-b"));
        try (TwoMasters masters = new TwoMasters(both, dir, TOPIC)) {
            DefaultMQProducer producer = Clients.producer("PG_NS_LOST", both);
            producer.start();
            Map<String, String> received = new ConcurrentHashMap<>();
            DefaultMQPushConsumer consumer = Clients.recordingConsumer(both, "CG_NS_LOST", TOPIC, received);
            Map<String, String> acked = new HashMap<>();
            Map<String, Integer> perBroker = new ConcurrentHashMap<>();
            try {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> send(producer, "warm", acked,
                        perBroker));
                sendAll(producer, "both-up", acked, perBroker);

                nsA.close();
                sendAll(producer, "one-left", acked, perBroker);

                nsB.close();
                // a couple of failed route polls later, still no NameServer: the clients work from what they hold
                Thread.sleep(3000);
                perBroker.clear();
                sendAll(producer, "none-left", acked, perBroker);
                assertThat(perBroker).as("both masters took sends without any NameServer")
                        .containsOnlyKeys("broker-a", "broker-b");
                await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(acked.keySet()));

                try (TideNamesrv backA = TideNamesrv.onPort("127.0.0.1", portA, dir.resolve("ns-a2"));
                     TideNamesrv backB = TideNamesrv.onPort("127.0.0.1", portB, dir.resolve("ns-b2"))) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> backA.controller().routeInfoManager()
                            .liveBrokerAddrs().size() == 2 && backB.controller().routeInfoManager()
                            .liveBrokerAddrs().size() == 2);
                    DefaultMQProducer fresh = Clients.producer("PG_NS_FRESH", both);
                    fresh.start();
                    try {
                        perBroker.clear();
                        sendAll(fresh, "after", acked, perBroker);
                        assertThat(perBroker).containsOnlyKeys("broker-a", "broker-b");
                    } finally {
                        fresh.shutdown();
                    }
                    sendAll(producer, "old-client-after", acked, perBroker);
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> received.keySet().containsAll(acked.keySet()));
                    acked.forEach((k, v) -> assertThat(received.get(k)).as(k).isEqualTo(v));
                    FaultReport.record("one NameServer stopped, then the other; both back, empty, at the same "
                            + "addresses", AllNameServersLostIT.class, "every send SEND_OK (100 with no NameServer at "
                            + "all, on both masters); brokers registered again by themselves and a new client found "
                            + "both masters", acked.size(), String.valueOf(acked.keySet().stream()
                                    .filter(k -> !acked.get(k).equals(received.get(k))).count()), "-", "-");
                }
            } finally {
                consumer.shutdown();
                producer.shutdown();
                nsA.close();
                nsB.close();
            }
        }
    }

    /** 100 sends, each of which must be acknowledged. */
    private static void sendAll(DefaultMQProducer producer, String phase, Map<String, String> acked,
                                Map<String, Integer> perBroker) throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(send(producer, phase + "-" + i, acked, perBroker)).as("%s-%d acknowledged", phase, i).isTrue();
        }
    }

    private static boolean send(DefaultMQProducer producer, String key, Map<String, String> acked,
                                Map<String, Integer> perBroker) throws Exception {
        String body = "body of " + key;
        Message m = new Message(TOPIC, "T", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        var r = producer.send(m);
        if (r.getSendStatus() != SendStatus.SEND_OK) {
            return false;
        }
        acked.put(key, body);
        perBroker.merge(r.getMessageQueue().getBrokerName(), 1, Integer::sum);
        return true;
    }
}
