package io.tidemq.it.ha;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.store.MessageStore;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A master that comes back with less data than its slave (here: its disk was replaced) makes the slave cut its log
 * back to the common point and follow the master again, instead of serving bytes the master never had.
 */
class DivergedSlaveIsTruncatedIT {
    @TempDir
    Path dir;

    @Test
    void slaveAheadOfItsMasterIsTruncatedToTheMastersEnd() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"))) {
            int port = Ports.freeBrokerPort("127.0.0.2");
            Map<String, String> master = new HashMap<>(Map.of("brokerName", "broker-a", "brokerRole", "ASYNC_MASTER",
                    "listenPort", String.valueOf(port)));
            try (TideBroker slave = new TideBroker("127.0.0.3", ns.address(), dir.resolve("s"),
                    Map.of("brokerName", "broker-a", "brokerRole", "SLAVE", "brokerId", "1",
                            "haSendHeartbeatInterval", "1000"))) {
                MessageStore s = slave.controller().store();
                try (TideBroker m = new TideBroker("127.0.0.2", ns.address(), dir.resolve("old-disk"), master)) {
                    send(ns.address(), "old", 50);
                    await().atMost(Duration.ofSeconds(20)).until(() ->
                            s.getMaxPhyOffset() == m.controller().store().getMaxPhyOffset());
                }
                long before = s.getMaxPhyOffset();
                assertThat(before).isPositive();
                try (TideBroker m = new TideBroker("127.0.0.2", ns.address(), dir.resolve("new-disk"),
                        Map.of("brokerName", "broker-a", "brokerRole", "ASYNC_MASTER", "listenPort",
                                String.valueOf(port), "haSendHeartbeatInterval", "1000"))) {
                    MessageStore ms = m.controller().store();
                    await().atMost(Duration.ofSeconds(30)).until(() -> s.getMaxPhyOffset() < before);
                    SendResult r = send(ns.address(), "new", 10);
                    await().atMost(Duration.ofSeconds(20)).until(() -> s.getMaxPhyOffset() == ms.getMaxPhyOffset());
                    var onMaster = ms.lookMessageByOffset(ms.getMinPhyOffset());
                    var onSlave = s.lookMessageByOffset(ms.getMinPhyOffset());
                    assertThat(new String(onSlave.getBody(), StandardCharsets.UTF_8)).startsWith("new-")
                            .isEqualTo(new String(onMaster.getBody(), StandardCharsets.UTF_8));
                    assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                }
            }
        }
    }

    private static SendResult send(String ns, String prefix, int n) throws Exception {
        DefaultMQProducer producer = Clients.producer("PG_DIVERGE_" + prefix, ns);
        producer.start();
        try {
            SendResult last = null;
            for (int i = 0; i < n; i++) {
                last = producer.send(new Message("IT_DIVERGE", (prefix + "-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            return last;
        } finally {
            producer.shutdown();
        }
    }
}
