package io.tidemq.it.ha;

import io.tidemq.it.support.AckedSends;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The user's modes 2 and 3 from the shipped conf files: two masters, two slaves (each its own loopback address,
 * child JVMs), two NameServers. With master-a killed by SIGKILL, consumers finish every message from slave-a and
 * producers go on with broker-b — nobody intervenes.
 */
class MasterKilledSlaveServesIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"2m-2s-async", "2m-2s-sync"})
    void consumersFinishOnTheSlaveAndProducersMoveOn(String mode) throws Exception {
        Path conf = Path.of(System.getProperty("tidemq.distribution.dir"), "conf", mode);
        try (TideNamesrv ns1 = new TideNamesrv(dir.resolve("ns1"));
             TideNamesrv ns2 = new TideNamesrv(dir.resolve("ns2"))) {
            String namesrv = ns1.address() + ";" + ns2.address();
            Map<String, String> local = Map.of("slaveSynchronizeInterval", "1000", "registerNameServerPeriod", "10000");
            try (TideBrokerProcess a = start("127.0.0.2", namesrv, "a", conf.resolve("broker-a.properties"), local);
                 TideBrokerProcess b = start("127.0.0.3", namesrv, "b", conf.resolve("broker-b.properties"), local);
                 TideBrokerProcess as = start("127.0.0.4", namesrv, "as", conf.resolve("broker-a-s.properties"), local);
                 TideBrokerProcess bs = start("127.0.0.5", namesrv, "bs", conf.resolve("broker-b-s.properties"), local)) {
                DefaultMQAdminExt admin = Clients.admin(namesrv);
                admin.start();
                DefaultMQProducer producer = Clients.producer("PG_2M2S", namesrv);
                producer.setRetryTimesWhenSendFailed(4);
                producer.start();
                Map<String, String> acked = new ConcurrentHashMap<>();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> admin.examineBrokerClusterInfo()
                            .getBrokerAddrTable().values().stream().filter(bd -> bd.getBrokerAddrs().size() == 2)
                            .count() == 2);
                    // a SYNC_MASTER answers SLAVE_NOT_AVAILABLE until its slave has connected
                    int[] streak = {0};
                    int[] probe = {0};
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        streak[0] = send(producer, 100_000 + probe[0]++, acked) ? streak[0] + 1 : 0;
                        return streak[0] >= 20;
                    });
                    int before = acked.size();
                    int i = 0;
                    for (; i < 400; i++) {
                        send(producer, i, acked);
                    }
                    assertThat(acked).hasSize(before + 400);
                    // both halves of the cluster hold part of the topic, and the slaves caught up
                    await().atMost(Duration.ofSeconds(30)).until(() -> sameMaxOffset(admin, a, as)
                            && sameMaxOffset(admin, b, bs));
                    a.kill();
                    for (int k = 0; k < 200; k++) {
                        send(producer, i++, acked);
                    }
                    assertThat(acked).hasSizeGreaterThanOrEqualTo(before + 598);
                } finally {
                    producer.shutdown();
                    admin.shutdown();
                }
                Map<String, String> consumed = new ConcurrentHashMap<>();
                Map<String, String> servedBy = new ConcurrentHashMap<>();
                DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_2M2S", namesrv);
                consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
                consumer.subscribe("IT_2M2S", "*");
                consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                    for (MessageExt m : msgs) {
                        consumed.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
                        servedBy.put(m.getKeys(), m.getBrokerName());
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
                consumer.start();
                try {
                    await().atMost(Duration.ofSeconds(90)).until(() -> consumed.keySet().containsAll(acked.keySet()));
                    for (Map.Entry<String, String> e : acked.entrySet()) {
                        assertThat(consumed.get(e.getKey())).isEqualTo(e.getValue());
                    }
                    assertThat(servedBy.values()).contains("broker-a", "broker-b");
                } finally {
                    consumer.shutdown();
                }
            }
        }
    }

    private TideBrokerProcess start(String host, String namesrv, String name, Path conf, Map<String, String> extra)
            throws Exception {
        return TideBrokerProcess.withConfFile(host, namesrv, dir.resolve(name), conf, new HashMap<>(extra)).start();
    }

    private static boolean sameMaxOffset(DefaultMQAdminExt admin, TideBrokerProcess master, TideBrokerProcess slave)
            throws Exception {
        String m = admin.fetchBrokerRuntimeStats(master.address()).getTable().get("commitLogMaxOffset");
        String s = admin.fetchBrokerRuntimeStats(slave.address()).getTable().get("commitLogMaxOffset");
        return m != null && m.equals(s) && Long.parseLong(m) > 0;
    }

    private static boolean send(DefaultMQProducer producer, int i, Map<String, String> acked) {
        return AckedSends.send(producer, "IT_2M2S", "two-pairs", i, acked) != null;
    }
}
