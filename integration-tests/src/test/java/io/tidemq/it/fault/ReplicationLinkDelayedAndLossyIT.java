package io.tidemq.it.fault;

import io.tidemq.it.support.AckedSends;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.FaultyLink;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Synchronous double write over a replication link with delay and loss ({@link FaultyLink}: this kernel has no
 * netem): 50-200 ms each way, then with 5% and 20% of chunks lost (held a retransmission timeout). Four producers send
 * all along. A SEND_OK means the slave holds the message: the master is killed with SIGKILL at the end and every
 * acknowledged message is consumed, byte-identical, from the slave alone.
 */
class ReplicationLinkDelayedAndLossyIT {
    private static final String TOPIC = "LOSSY_REPLICATION_TOPIC";
    private static final Duration PHASE = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    record Phase(String name, Duration min, Duration max, double loss) {
    }

    @Test
    void everyAcknowledgedMessageIsOnTheSlaveWhateverTheLinkDoes() throws Exception {
        int haPort = Ports.free("127.0.0.4");
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess master = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("m"),
                     Map.of("brokerName", "broker-lossy", "brokerRole", "SYNC_MASTER", "flushDiskType",
                             "ASYNC_FLUSH")).start()) {
            String masterHa = "127.0.0.2:" + (Integer.parseInt(master.address().split(":")[1]) + 1);
            try (FaultyLink link = FaultyLink.start("127.0.0.4", haPort, masterHa);
                 TideBrokerProcess slave = new TideBrokerProcess("127.0.0.3", ns.address(), dir.resolve("s"),
                         Map.of("brokerName", "broker-lossy", "brokerRole", "SLAVE", "brokerId", "1",
                                 "haMasterAddress", link.address())).start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                DefaultMQProducer producer = Clients.producer("PG_LOSSY_REPLICATION", ns.address());
                producer.setRetryTimesWhenSendFailed(0);
                try {
                    admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, 4, 4, 6));
                    producer.start();
                    Map<String, String> acked = new ConcurrentHashMap<>();
                    AtomicInteger seq = new AtomicInteger();
                    await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() ->
                            send(producer, seq.incrementAndGet(), acked, new TreeMap<>(), new ArrayList<>()));

                    List<Phase> phases = List.of(
                            new Phase("delayed 50-200 ms each way", Duration.ofMillis(50), Duration.ofMillis(200), 0),
                            new Phase("delayed 50-200 ms, 5% of chunks lost", Duration.ofMillis(50),
                                    Duration.ofMillis(200), 0.05),
                            new Phase("delayed 50-200 ms, 20% of chunks lost", Duration.ofMillis(50),
                                    Duration.ofMillis(200), 0.20));
                    List<String> rows = new ArrayList<>();
                    List<Integer> ackedPerPhase = new ArrayList<>();
                    for (Phase phase : phases) {
                        link.set(phase.min(), phase.max(), phase.loss());
                        Map<String, Integer> outcomes = new TreeMap<>();
                        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                        int before = acked.size();
                        long lossesBefore = link.losses();
                        runSenders(producer, seq, acked, outcomes, latencies);
                        ackedPerPhase.add(acked.size() - before);
                        assertThat(acked.size() - before).as("%s: sends still acknowledged", phase.name())
                                .isPositive();
                        rows.add("replication link of a SYNC_MASTER " + phase.name() + " (user-space proxy, "
                                + (link.losses() - lossesBefore) + " chunks lost)" + "\t" + outcomes
                                + ", send latency p50 " + percentile(latencies, 50) + " / p99 "
                                + percentile(latencies, 99) + " ms");
                    }

                    master.kill();
                    Map<String, String> fromSlave = consumeAll(ns.address(), acked);
                    long lost = acked.entrySet().stream()
                            .filter(e -> !e.getValue().equals(fromSlave.get(e.getKey()))).count();
                    assertThat(lost).as("acknowledged messages the slave does not hold").isZero();
                    for (int i = 0; i < rows.size(); i++) {
                        String[] r = rows.get(i).split("\t");
                        FaultReport.record(r[0], ReplicationLinkDelayedAndLossyIT.class, r[1] + "; master killed "
                                        + "at the end, the slave alone served every acknowledged message",
                                ackedPerPhase.get(i), "0 (consumed from the slave, bodies compared)", "-", "-");
                    }
                } finally {
                    producer.shutdown();
                    admin.shutdown();
                }
            }
        }
    }

    private static void runSenders(DefaultMQProducer producer, AtomicInteger seq, Map<String, String> acked,
                                   Map<String, Integer> outcomes, List<Long> latencies) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] senders = new Thread[4];
        for (int t = 0; t < senders.length; t++) {
            senders[t] = new Thread(() -> {
                while (!stop.get()) {
                    send(producer, seq.incrementAndGet(), acked, outcomes, latencies);
                }
            });
            senders[t].start();
        }
        Thread.sleep(PHASE.toMillis());
        stop.set(true);
        for (Thread t : senders) {
            t.join();
        }
    }

    /** One send, its latency recorded; true when SEND_OK. */
    private static boolean send(DefaultMQProducer producer, int i, Map<String, String> acked,
                                Map<String, Integer> outcomes, List<Long> latencies) {
        long began = System.nanoTime();
        boolean ok = AckedSends.sendCounting(producer, TOPIC, "k" + i, "lossy-" + i + "-" + "y".repeat(i % 300),
                acked, outcomes);
        latencies.add((System.nanoTime() - began) / 1_000_000);
        return ok;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return -1;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** With the master down, a consumer reads from the slave only. */
    private static Map<String, String> consumeAll(String namesrv, Map<String, String> acked) throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_LOSSY_REPLICATION", namesrv);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                seen.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> seen.keySet().containsAll(acked.keySet()));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // the comparison below names what is missing
            }
            return new TreeMap<>(seen);
        } finally {
            consumer.shutdown();
        }
    }
}
