package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.SmallDisk;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Synchronous double write where the slave's disk (a tmpfs the test mounts) fills up: the slave refuses the
 * replicated bytes instead of faulting, stays up, and the master stops answering SEND_OK (its sends wait for a slave
 * that no longer acknowledges); once the slave's disk has room again it takes the rest of the master's log and
 * sends are SEND_OK again, the two logs ending at the same offset.
 */
class SlaveDiskFullIT {
    private static final String TOPIC = "SLAVE_DISK_TOPIC";

    @TempDir
    Path dir;

    @Test
    void aSlaveWithAFullDiskStopsAcknowledgingAndCatchesUpOnceItHasRoom() throws Exception {
        assumeTrue(SmallDisk.available(), "mounting a tmpfs needs root");
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("slave-disk"), 48);
             TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess master = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("m"),
                     Map.of("brokerName", "broker-s", "brokerRole", "SYNC_MASTER", "syncFlushTimeout", "2000"))
                     .start();
             TideBrokerProcess slave = new TideBrokerProcess("127.0.0.3", ns.address(), disk.path().resolve("s"),
                     Map.of("brokerName", "broker-s", "brokerRole", "SLAVE", "brokerId", "1",
                             "cleanFileForciblyEnable", "false")).userHome(dir.resolve("slave-home")).start()) {
            Path filler = disk.fill("filler", 30);
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            DefaultMQProducer producer = Clients.producer("PG_SLAVE_DISK", ns.address());
            producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
            producer.setSendMsgTimeout(10_000);
            producer.setRetryTimesWhenSendFailed(0);
            producer.start();
            try {
                admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, 4, 4, 6));
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> send(producer, 10).getSendStatus() == SendStatus.SEND_OK);
                Map<String, Integer> outcomes = new TreeMap<>();
                String last = "SEND_OK";
                for (int i = 0; i < 1000 && last.equals("SEND_OK"); i++) {
                    last = send(producer, 64 * 1024).getSendStatus().name();
                    outcomes.merge(last, 1, Integer::sum);
                }
                long slaveDiskPercent = Math.round(disk.usedRatio() * 100);
                assertThat(last).as("the master stops answering SEND_OK once its slave cannot store")
                        .isIn("FLUSH_SLAVE_TIMEOUT", "SLAVE_NOT_AVAILABLE");
                for (int i = 0; i < 3; i++) {
                    assertThat(send(producer, 1024).getSendStatus()).isNotEqualTo(SendStatus.SEND_OK);
                }
                assertThat(slave.isAlive()).as("the slave is still up").isTrue();

                Files.delete(filler);
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> send(producer, 1024).getSendStatus() == SendStatus.SEND_OK);
                await().atMost(Duration.ofSeconds(30)).until(() -> Clients.commitLogEnd(admin, master.address())
                        == Clients.commitLogEnd(admin, slave.address()));
                FaultReport.record("the slave's disk fills up during synchronous double write", SlaveDiskFullIT.class,
                        "sends of 64 KiB ended " + outcomes + " (slave disk " + slaveDiskPercent + "% used); the "
                                + "slave refused the replicated bytes and stayed up; once it had room, SEND_OK again",
                        outcomes.getOrDefault("SEND_OK", 0), "0 (both logs end at the same offset)",
                        "SEND_OK: until the slave's disk has room", "-");
            } finally {
                producer.shutdown();
                admin.shutdown();
            }
        }
    }

    private static SendResult send(DefaultMQProducer producer, int size) throws Exception {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 's');
        return producer.send(new Message(TOPIC, "T", body));
    }
}
