package io.tidemq.it.failover;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Controller mode, the guide's two-node pair (each broker on its own loopback address, a controller, a NameServer,
 * the official 4.9.3 client polling routes every second, four sending threads): the master is killed with SIGKILL at random moments under
 * steady load, ten times, the killed one restarted each time. Its slave takes over by itself; every SEND_OK
 * message is consumed with its exact body, by a consumer that read all along and by one that starts after; the restarted broker comes back as a slave, rejoins the in-sync
 * set and ends with the same log end as the master. Promotion and resume times are printed.
 */
class MasterKilledUnderLoadFailsOverIT {
    private static final String TOPIC = "FAILOVER_TOPIC";
    private static final int KILLS = 10;
    /** Producer threads, each sending synchronously: a kill leaves some mid-send, others start anew. */
    private static final int SENDERS = 4;

    @TempDir
    Path dir;

    @Test
    void theSlaveTakesOverAndNothingAcknowledgedIsLost() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             ControllerFixture controllers = new ControllerFixture(dir.resolve("ctl"), "127.0.0.1").start();
             ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
            Map<String, String> settings = new HashMap<>(Map.of("brokerName", "broker-a",
                    "enableControllerMode", "true", "controllerAddr", controllers.controllerAddr(),
                    "brokerRole", "SLAVE", "brokerId", "-1", "slaveSynchronizeInterval", "1000"));
            TideBrokerProcess[] brokers = {
                    new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("b1"), settings),
                    new TideBrokerProcess("127.0.0.3", ns.address(), dir.resolve("b2"), settings)};
            try (TideBrokerProcess b1 = brokers[0].start(); TideBrokerProcess b2 = brokers[1].start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                DefaultMQProducer producer = Clients.producer("PG_FAILOVER", ns.address());
                producer.setPollNameServerInterval(1000);
                producer.setSendMsgTimeout(1000);
                producer.setRetryTimesWhenSendFailed(3);
                Map<String, String> acked = new ConcurrentHashMap<>();
                AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
                AtomicLong firstOkAfterKill = new AtomicLong();
                AtomicBoolean sending = new AtomicBoolean(true);
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> master(admin) != null
                            && queries.inSyncAlive("broker-a") == 2);
                    admin.createAndUpdateTopicConfig(master(admin), new TopicConfig(TOPIC, 4, 4, 6));
                    producer.start();
                    Map<String, String> liveReceived = new ConcurrentHashMap<>();
                    DefaultMQPushConsumer live = consumer(ns.address(), "CG_FAILOVER_LIVE", liveReceived);
                    java.util.concurrent.atomic.AtomicInteger seq = new java.util.concurrent.atomic.AtomicInteger();
                    List<Thread> senders = new ArrayList<>();
                    for (int t = 0; t < SENDERS; t++) {
                        Thread sender = new Thread(() -> {
                            while (sending.get()) {
                                long started = System.nanoTime();
                                if (send(producer, seq.getAndIncrement(), acked) && started > killedAt.get()) {
                                    firstOkAfterKill.compareAndSet(0, System.nanoTime());
                                }
                            }
                        }, "failover-sender-" + t);
                        sender.start();
                        senders.add(sender);
                    }
                    await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > 200);
                    List<Long> promotions = new ArrayList<>();
                    List<Long> resumes = new ArrayList<>();
                    List<Long> rejoins = new ArrayList<>();
                    for (int k = 0; k < KILLS; k++) {
                        Thread.sleep(300 + ThreadLocalRandom.current().nextInt(1200));
                        String old = master(admin);
                        TideBrokerProcess victim = old.equals(b1.address()) ? b1 : b2;
                        int before = acked.size();
                        firstOkAfterKill.set(0);
                        long killed = System.nanoTime();
                        killedAt.set(killed);
                        victim.kill();
                        System.out.println("killed " + victim.address() + " at " + java.time.LocalTime.now());
                        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                                .until(() -> { String m = master(admin); return m != null && !m.equals(old); });
                        promotions.add((System.nanoTime() - killed) / 1_000_000);
                        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                                .until(() -> firstOkAfterKill.get() != 0);
                        resumes.add((firstOkAfterKill.get() - killed) / 1_000_000);
                        await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > before + 100);
                        long restarted = System.nanoTime();
                        victim.start();
                        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                                .until(() -> queries.inSyncAlive("broker-a") == 2);
                        rejoins.add((System.nanoTime() - restarted) / 1_000_000);
                    }
                    sending.set(false);
                    for (Thread sender : senders) {
                        sender.join(10_000);
                    }
                    for (TideBrokerProcess b : brokers) {
                        java.nio.file.Files.readAllLines(b.brokerLog()).stream().filter(l -> l.contains("epoch")
                                || l.contains("lease") || l.contains("in-sync")).forEach(l ->
                                System.out.println(b.address() + " " + l));
                    }
                    System.out.printf("failover: promotion ms %s, first SEND_OK of a send begun after the kill ms %s, restarted "
                            + "broker back in sync ms %s, %d messages acknowledged%n", promotions, resumes, rejoins,
                            acked.size());
                    // the two logs end at the same offset once the last one caught up
                    await().atMost(Duration.ofSeconds(30)).until(() -> maxOffset(admin, b1.address())
                            == maxOffset(admin, b2.address()));
                    try {
                        // a consumer that read all along, across every failover, skipped nothing
                        assertAllReceived(acked, liveReceived);
                    } finally {
                        live.shutdown();
                    }
                    Map<String, String> fresh = new ConcurrentHashMap<>();
                    DefaultMQPushConsumer late = consumer(ns.address(), "CG_FAILOVER_AFTER", fresh);
                    try {
                        assertAllReceived(acked, fresh);
                    } finally {
                        late.shutdown();
                    }
                } finally {
                    sending.set(false);
                    producer.shutdown();
                    admin.shutdown();
                }
            }
        }
    }

    private static boolean send(DefaultMQProducer producer, int i, Map<String, String> acked) {
        String body = "failover-" + i + "-" + "x".repeat(i % 50);
        Message m = new Message(TOPIC, "T", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys("k" + i);
        try {
            SendResult r = producer.send(m);
            if (r.getSendStatus() == SendStatus.SEND_OK) {
                acked.put("k" + i, body);
                return true;
            }
        } catch (Exception e) {
            // not acknowledged: need not be consumed
        }
        return false;
    }

    /** The address the NameServer reports as broker-a's brokerId 0, or null. */
    private static String master(DefaultMQAdminExt admin) {
        try {
            BrokerData bd = admin.examineBrokerClusterInfo().getBrokerAddrTable().get("broker-a");
            return bd == null ? null : bd.getBrokerAddrs().get(0L);
        } catch (Exception e) {
            return null;
        }
    }

    private static long maxOffset(DefaultMQAdminExt admin, String addr) {
        try {
            return Long.parseLong(admin.fetchBrokerRuntimeStats(addr).getTable().get("commitLogMaxOffset"));
        } catch (Exception e) {
            return -1;
        }
    }

    private static DefaultMQPushConsumer consumer(String namesrv, String group, Map<String, String> received)
            throws Exception {
        DefaultMQPushConsumer consumer = Clients.pushConsumer(group, namesrv);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollNameServerInterval(1000);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                received.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }

    private static void assertAllReceived(Map<String, String> acked, Map<String, String> received) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(acked.keySet()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<String> missing = acked.keySet().stream().filter(k -> !received.containsKey(k)).sorted()
                    .limit(20).toList();
            throw new AssertionError(acked.keySet().stream().filter(k -> !received.containsKey(k)).count()
                    + " acknowledged messages not consumed, e.g. " + missing, e);
        }
        for (Map.Entry<String, String> e : acked.entrySet()) {
            assertThat(received.get(e.getKey())).as("body of %s", e.getKey()).isEqualTo(e.getValue());
        }
    }
}
