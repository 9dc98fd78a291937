package io.tidemq.it.ha;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.PrometheusScrape;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A slave copies its master's CommitLog byte for byte and builds the same consume queues. */
class ReplicationIT {
    @TempDir
    Path dir;

    @Test
    void slaveHoldsEveryMessageAtTheSameOffsets() throws Exception {
        int metricsPort = Ports.free("127.0.0.2");
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker master = new TideBroker("127.0.0.2", ns.address(), dir.resolve("m"),
                     Map.of("brokerName", "broker-a", "brokerRole", "SYNC_MASTER",
                             "metricsPort", String.valueOf(metricsPort)));
             TideBroker slave = new TideBroker("127.0.0.3", ns.address(), dir.resolve("s"),
                     Map.of("brokerName", "broker-a", "brokerRole", "SLAVE", "brokerId", "1",
                             "slaveSynchronizeInterval", "1000"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> master.controller().haService().connectionCount() == 1);
            DefaultMQProducer producer = Clients.producer("PG_HA", ns.address());
            producer.start();
            List<SendResult> results = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    SendResult r = producer.send(new Message("IT_HA", "T", ("ha-" + i).getBytes(StandardCharsets.UTF_8)));
                    // SYNC_MASTER: SEND_OK means a slave confirmed it
                    assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    results.add(r);
                }
            } finally {
                producer.shutdown();
            }
            MessageStore m = master.controller().store();
            MessageStore s = slave.controller().store();
            await().atMost(Duration.ofSeconds(10)).until(() -> s.getMaxPhyOffset() == m.getMaxPhyOffset());
            await().atMost(Duration.ofSeconds(10)).until(() -> s.dispatchedPhyOffset() == m.getMaxPhyOffset()
                    && m.dispatchedPhyOffset() == m.getMaxPhyOffset());
            for (int q = 0; q < 4; q++) {
                assertThat(s.getMaxOffsetInQueue("IT_HA", q)).isEqualTo(m.getMaxOffsetInQueue("IT_HA", q));
            }
            for (SendResult r : results) {
                long phy = s.getCommitLogOffsetInQueue("IT_HA", r.getMessageQueue().getQueueId(), r.getQueueOffset());
                var onSlave = s.lookMessageByOffset(phy);
                var onMaster = m.lookMessageByOffset(phy);
                assertThat(onSlave.getBody()).isEqualTo(onMaster.getBody());
                // the record (store host included) is the master's, byte for byte
                assertThat(onSlave.getMsgId()).isEqualTo(r.getOffsetMsgId()).isEqualTo(onMaster.getMsgId());
            }
            // on the slave, as in 4.9, the replicated messages are its puts
            assertThat(Long.parseLong(s.runtimeInfo().get("putMessageTimesTotal")))
                    .isEqualTo(Long.parseLong(m.runtimeInfo().get("putMessageTimesTotal")));
            assertThat(s.runtimeInfo().get("putMessageSizeTotal")).isEqualTo(m.runtimeInfo().get("putMessageSizeTotal"));
            // the master's metrics: every send waited for the slave's acknowledgement, and the slave is caught up
            PrometheusScrape scrape = PrometheusScrape.of("127.0.0.2", metricsPort);
            assertThat(scrape.sum("rocketmq_replication_ack_latency_seconds_count", Map.of())).isEqualTo(300);
            assertThat(scrape.find("rocketmq_replication_lag_bytes", Map.of())).singleElement()
                    .satisfies(x -> {
                        assertThat(x.value()).isZero();
                        // the slave's end of its replication connection
                        assertThat(x.labels().get("slave")).matches("127\\.0\\.0\\.\\d+:\\d+");
                    });
            assertThat(scrape.sum("rocketmq_replication_lag_ms", Map.of())).isZero();
            assertThat(scrape.sum("rocketmq_replication_ack_offset", Map.of())).isEqualTo(m.getMaxPhyOffset());
            // metadata follows the master
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    slave.controller().topicConfigManager().select("IT_HA") != null);
        }
    }
}
