package io.tidemq.it.ha;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Synchronous double write under load: a steady sender, the SYNC_MASTER killed with SIGKILL at a random moment,
 * five times over. Every message acknowledged SEND_OK before a kill must be on the slave with the same msgId and
 * body — the slave alone serves them to a consumer while the master is down.
 */
class MasterKilledDuringSyncDoubleWriteIT {
    /** Kill moments per run; the soak script (bench/soak-sync-double-write.sh) raises it. */
    private static final int KILLS = Integer.getInteger("tidemq.it.kills", 5);
    private static final Map<String, String> WHERE = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageIsOnTheSlave() throws Exception {
        Random random = new Random(Long.getLong("tidemq.it.seed", System.nanoTime()));
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"))) {
            Map<String, String> common = Map.of("brokerName", "broker-a", "flushDiskType", "ASYNC_FLUSH",
                    "slaveSynchronizeInterval", "1000", "registerNameServerPeriod", "10000");
            Map<String, String> masterConf = new java.util.HashMap<>(common);
            masterConf.put("brokerRole", "SYNC_MASTER");
            Map<String, String> slaveConf = new java.util.HashMap<>(common);
            slaveConf.put("brokerRole", "SLAVE");
            slaveConf.put("brokerId", "1");
            try (TideBrokerProcess master = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("m"),
                         masterConf).start();
                 TideBrokerProcess slave = new TideBrokerProcess("127.0.0.3", ns.address(), dir.resolve("s"),
                         slaveConf).start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                Map<String, String> acked = new ConcurrentHashMap<>();
                try {
                    for (int round = 0; round < KILLS; round++) {
                        waitForReplication(admin, master, slave);
                        DefaultMQProducer producer = Clients.producer("PG_SDW_" + round, ns.address());
                        producer.setRetryTimesWhenSendFailed(0);
                        producer.start();
                        AtomicBoolean stop = new AtomicBoolean();
                        AtomicInteger seq = new AtomicInteger(round * 1_000_000);
                        Thread[] senders = new Thread[4];
                        for (int t = 0; t < senders.length; t++) {
                            senders[t] = new Thread(() -> {
                                while (!stop.get()) {
                                    send(producer, seq.incrementAndGet(), acked);
                                }
                            });
                            senders[t].start();
                        }
                        // the slave's replication link comes up a moment after both booted: until then sends are
                        // SLAVE_NOT_AVAILABLE, so the kill moment is drawn once acknowledgements flow
                        int before = acked.size();
                        await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= before + 20);
                        Thread.sleep(random.nextInt(2500));
                        master.kill();
                        stop.set(true);
                        for (Thread t : senders) {
                            t.join();
                        }
                        producer.shutdown();
                        assertThat(acked).isNotEmpty();
                        assertAllOnSlave(ns.address(), acked, round);
                        master.start();
                    }
                } finally {
                    admin.shutdown();
                }
            }
        }
    }

    private static void waitForReplication(DefaultMQAdminExt admin, TideBrokerProcess master,
                                           TideBrokerProcess slave) {
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() -> {
            String m = admin.fetchBrokerRuntimeStats(master.address()).getTable().get("commitLogMaxOffset");
            String s = admin.fetchBrokerRuntimeStats(slave.address()).getTable().get("commitLogMaxOffset");
            return m != null && m.equals(s) && admin.examineBrokerClusterInfo().getBrokerAddrTable()
                    .get("broker-a").getBrokerAddrs().size() == 2;
        });
    }

    /** While the master is down a consumer can only read from the slave: everything acknowledged must be there. */
    private static void assertAllOnSlave(String namesrv, Map<String, String> acked, int round) throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_SDW_" + round, namesrv);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("IT_SDW", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                seen.put(m.getMsgId(), new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> seen.keySet().containsAll(acked.keySet()));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                java.util.List<String> missing = new java.util.ArrayList<>();
                for (String id : acked.keySet()) {
                    if (!seen.containsKey(id)) {
                        missing.add(id + " " + WHERE.get(id));
                    }
                }
                throw new AssertionError("round " + round + ": " + missing.size() + " of " + acked.size()
                        + " acknowledged messages not consumed from the slave, e.g. "
                        + missing.subList(0, Math.min(10, missing.size())), e);
            }
            for (Map.Entry<String, String> e : acked.entrySet()) {
                assertThat(seen.get(e.getKey())).as("message %s", e.getKey()).isEqualTo(e.getValue());
            }
        } finally {
            consumer.shutdown();
        }
    }

    private static void send(DefaultMQProducer producer, int i, Map<String, String> acked) {
        String body = "sdw-" + i + "-" + "x".repeat(i % 200);
        try {
            SendResult r = producer.send(new Message("IT_SDW", body.getBytes(StandardCharsets.UTF_8)));
            if (r.getSendStatus() == SendStatus.SEND_OK) {
                acked.put(r.getMsgId(), body);
                WHERE.put(r.getMsgId(), "queue " + r.getMessageQueue().getQueueId() + " offset " + r.getQueueOffset()
                        + " phys " + r.getOffsetMsgId());
            }
        } catch (Exception e) {
            // unacknowledged: may or may not be anywhere
        }
    }
}
