package io.tidemq.it.broker;

import io.tidemq.it.support.AckedSends;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The user's 2m-noslave mode: two masters (own loopback addresses, child JVMs, SYNC_FLUSH) and two NameServers.
 * One master is killed with SIGKILL while a producer sends; sends go on through the other master, and after the
 * restart every acknowledged message is consumed — none lost across the kill.
 */
class MasterKilledInTwoMasterClusterIT {
    @TempDir
    Path dir;

    @Test
    void sendsSurviveAKilledMasterAndNoAcknowledgedMessageIsLost() throws Exception {
        try (TideNamesrv ns1 = new TideNamesrv(dir.resolve("ns1"));
             TideNamesrv ns2 = new TideNamesrv(dir.resolve("ns2"))) {
            String namesrv = ns1.address() + ";" + ns2.address();
            Map<String, String> common = Map.of("brokerClusterName", "DefaultCluster", "flushDiskType", "SYNC_FLUSH",
                    "autoCreateTopicEnable", "true", "deleteWhen", "04", "fileReservedTime", "48");
            Map<String, String> a = new HashMap<>(common);
            a.put("brokerName", "broker-a");
            Map<String, String> b = new HashMap<>(common);
            b.put("brokerName", "broker-b");
            try (TideBrokerProcess brokerA = new TideBrokerProcess("127.0.0.2", namesrv, dir.resolve("a"), a).start();
                 TideBrokerProcess brokerB = new TideBrokerProcess("127.0.0.3", namesrv, dir.resolve("b"), b).start()) {
                DefaultMQProducer producer = Clients.producer("PG_2M", namesrv);
                producer.setRetryTimesWhenSendFailed(4);
                producer.start();
                Map<String, String> acked = new ConcurrentHashMap<>();
                try {
                    // make the topic exist on both masters before the kill
                    Set<String> brokersUsed = ConcurrentHashMap.newKeySet();
                    int i = 0;
                    while (brokersUsed.size() < 2 && i < 400) {
                        SendResult r = send(producer, i++, acked);
                        if (r != null) {
                            brokersUsed.add(r.getMessageQueue().getBrokerName());
                        }
                    }
                    await().atMost(Duration.ofSeconds(15)).until(() -> {
                        producer.send(new Message("IT_2M", ("probe").getBytes(StandardCharsets.UTF_8)));
                        return producer.getDefaultMQProducerImpl().getmQClientFactory()
                                .getTopicRouteTable().get("IT_2M").getQueueDatas().size() == 2;
                    });
                    for (int k = 0; k < 100; k++) {
                        send(producer, i++, acked);
                    }
                    brokerA.kill();
                    int failures = 0;
                    for (int k = 0; k < 200; k++) {
                        if (send(producer, i++, acked) == null) {
                            failures++;
                        }
                    }
                    // the client's retries route around the dead master
                    assertThat(failures).isLessThanOrEqualTo(2);
                    brokerA.start();
                } finally {
                    producer.shutdown();
                }
                Map<String, String> consumed = new ConcurrentHashMap<>();
                DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_2M", namesrv);
                consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
                consumer.subscribe("IT_2M", "*");
                consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                    for (MessageExt m : msgs) {
                        if (m.getKeys() != null) {
                            consumed.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
                        }
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
                consumer.start();
                try {
                    await().atMost(Duration.ofSeconds(90)).until(() -> consumed.keySet().containsAll(acked.keySet()));
                    for (Map.Entry<String, String> e : acked.entrySet()) {
                        assertThat(consumed.get(e.getKey())).isEqualTo(e.getValue());
                    }
                } finally {
                    consumer.shutdown();
                }
            }
        }
    }

    private static SendResult send(DefaultMQProducer producer, int i, Map<String, String> acked) {
        return AckedSends.send(producer, "IT_2M", "two-masters", i, acked);
    }
}
