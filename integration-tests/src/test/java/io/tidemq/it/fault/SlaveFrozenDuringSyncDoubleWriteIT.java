package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Synchronous double write (SYNC_MASTER and its SLAVE, each its own process) with the slave frozen by SIGSTOP for
 * 8 s: its connection stays open and nothing comes back over it, as when the link between them is cut without a
 * reset. No send begun during the freeze is answered SEND_OK: each one waits out syncFlushTimeout and is answered
 * FLUSH_SLAVE_TIMEOUT. After SIGCONT the slave catches up with everything the master holds, those messages included,
 * and sends are SEND_OK again.
 */
class SlaveFrozenDuringSyncDoubleWriteIT {
    private static final String TOPIC = "SLAVE_FROZEN_TOPIC";

    @TempDir
    Path dir;

    @Test
    void noSendOkWhileTheSlaveIsFrozenAndItCatchesUpAfter() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess master = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("m"),
                     Map.of("brokerName", "broker-f", "brokerRole", "SYNC_MASTER", "syncFlushTimeout", "2000"))
                     .start();
             TideBrokerProcess slave = new TideBrokerProcess("127.0.0.3", ns.address(), dir.resolve("s"),
                     Map.of("brokerName", "broker-f", "brokerRole", "SLAVE", "brokerId", "1")).start()) {
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            DefaultMQProducer producer = Clients.producer("PG_SLAVE_FROZEN", ns.address());
            // longer than the master's wait for its slave, so the client sees the master's answer
            producer.setSendMsgTimeout(10_000);
            producer.setRetryTimesWhenSendFailed(0);
            producer.start();
            try {
                admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, 4, 4, 6));
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> send(producer, "warm").getSendStatus() == SendStatus.SEND_OK);
                for (int i = 0; i < 50; i++) {
                    assertThat(send(producer, "before-" + i).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                }

                slave.freeze();
                long frozenAt = System.nanoTime();
                Map<String, Integer> during = new TreeMap<>();
                List<String> sentDuring = new ArrayList<>();
                try {
                    while (System.nanoTime() - frozenAt < 8_000_000_000L) {
                        String key = "during-" + sentDuring.size();
                        SendResult r = send(producer, key);
                        sentDuring.add(key);
                        during.merge(r.getSendStatus().name(), 1, Integer::sum);
                    }
                } finally {
                    slave.thaw();
                }
                assertThat(during).as("no SEND_OK without the slave").doesNotContainKey("SEND_OK")
                        .containsKey("FLUSH_SLAVE_TIMEOUT");

                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> send(producer, "after-thaw").getSendStatus() == SendStatus.SEND_OK);
                for (int i = 0; i < 50; i++) {
                    assertThat(send(producer, "after-" + i).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                }
                // the slave holds the master's whole log, what was answered FLUSH_SLAVE_TIMEOUT included
                await().atMost(Duration.ofSeconds(30)).until(() -> Clients.commitLogEnd(admin, master.address())
                        == Clients.commitLogEnd(admin, slave.address()));
                assertThat(Clients.commitLogEnd(admin, slave.address())).isPositive();
                FaultReport.record("the slave of a SYNC_MASTER frozen (SIGSTOP) for 8 s, its connection open",
                        SlaveFrozenDuringSyncDoubleWriteIT.class, "before: 50 SEND_OK; during the freeze: " + during
                                + " (each after syncFlushTimeout); after SIGCONT: 50 SEND_OK", 100,
                        "0 (the slave's log ends where the master's does)",
                        "SEND_OK: the 8 s of the freeze plus syncFlushTimeout", "-");
            } finally {
                producer.shutdown();
                admin.shutdown();
            }
        }
    }

    private static SendResult send(DefaultMQProducer producer, String key) throws Exception {
        Message m = new Message(TOPIC, "T", ("body of " + key).getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        return producer.send(m);
    }
}
