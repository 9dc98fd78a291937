package io.tidemq.it.ha;

import io.tidemq.it.support.ApacheBroker;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.QueueOffsets;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.store.MessageStore;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.body.KVTable;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A REAL Apache RocketMQ 4.9.3 slave replicating from a TideMQ SYNC_MASTER: it learns the master's HA address from
 * our NameServer, speaks the 4.9 HA wire format to our master, and its acknowledgements complete our synchronous
 * double writes.
 */
class ApacheSlaveOfTideMasterIT {
    private static final String TOPIC = "IT_APACHE_SLAVE";

    @TempDir
    Path dir;

    @Test
    void apacheSlaveCopiesTheLogAndAcknowledgesSyncDoubleWrites() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker master = new TideBroker("127.0.0.2", ns.address(), dir.resolve("m"),
                     Map.of("brokerName", "broker-a", "brokerRole", "SYNC_MASTER"));
             ApacheBroker slave = ApacheBroker.start(dir.resolve("s"), ns.address(),
                     Map.of("brokerName", "broker-a", "brokerId", "1", "brokerRole", "SLAVE"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> master.controller().haService().connectionCount() == 1);
            DefaultMQProducer producer = Clients.producer("PG_APACHE_SLAVE", ns.address());
            producer.start();
            MessageStore m = master.controller().store();
            try {
                // an Apache slave sends its first offset report one heartbeat interval (5 s) after connecting, and
                // a master streams nothing before that report: the first SYNC_MASTER send may time out waiting
                // for it, with an Apache master as with ours
                SendResult first = producer.send(new Message(TOPIC, "T", "first".getBytes(StandardCharsets.UTF_8)));
                assertThat(first.getSendStatus()).isIn(SendStatus.SEND_OK, SendStatus.FLUSH_SLAVE_TIMEOUT);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> master.controller().haService().push2SlaveMaxOffset() == m.getMaxPhyOffset());
                for (int i = 0; i < 300; i++) {
                    SendResult r = producer.send(new Message(TOPIC, "T",
                            ("to-apache-" + i + "-" + "x".repeat(i * 11 % 500)).getBytes(StandardCharsets.UTF_8)));
                    // SYNC_MASTER: SEND_OK only once the Apache slave acknowledged the bytes
                    assertThat(r.getSendStatus()).as("send %d", i).isEqualTo(SendStatus.SEND_OK);
                }
            } finally {
                producer.shutdown();
            }

            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            try {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    KVTable stats = admin.fetchBrokerRuntimeStats(slave.address());
                    assertThat(Long.parseLong(stats.getTable().get("commitLogMaxOffset")))
                            .isEqualTo(m.getMaxPhyOffset());
                });
            } finally {
                admin.shutdown();
            }
            long total = 0;
            for (int q = 0; q < 4; q++) {
                long onMaster = m.getMaxOffsetInQueue(TOPIC, q);
                int queue = q;
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(QueueOffsets.maxOffset(slave.address(), TOPIC, queue))
                                .isEqualTo(onMaster));
                total += onMaster;
            }
            assertThat(total).isEqualTo(301);
        }
    }
}
