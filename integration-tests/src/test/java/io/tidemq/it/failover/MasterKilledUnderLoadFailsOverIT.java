package io.tidemq.it.failover;

import io.tidemq.common.protocol.body.EpochEntryCache;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import static io.tidemq.it.failover.FailoverChecks.assertAllReceived;
import static io.tidemq.it.failover.FailoverChecks.master;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Controller mode on the guide's 2m-2s topology: two NameServers, three controllers, groups broker-a and broker-b of
 * two brokers each (every broker on its own loopback address), the official 4.9.3 client polling routes every
 * second, four sending threads. Master-a is killed with SIGKILL at random moments under steady load, ten times, the
 * killed one restarted each time. Its slave takes over by itself while broker-b goes on taking the sends; every
 * SEND_OK message is consumed with its exact body, by a consumer that read all along and by one that starts after;
 * the restarted broker comes back as a slave, rejoins the in-sync set, and both groups end with matching logs
 * (broker-b still in its first epoch). Promotion, resume (first SEND_OK stored by broker-a) and rejoin times are
 * printed.
 */
class MasterKilledUnderLoadFailsOverIT {
    private static final String TOPIC = "FAILOVER_TOPIC";
    /** Ten in the suite; bench/soak-failover.sh asks for more with -Dtidemq.it.kills. */
    private static final int KILLS = Integer.getInteger("tidemq.it.kills", 10);

    @TempDir
    Path dir;

    /** The settings of a broker of group {@code brokerName} in controller mode, as RocketMQ 5's quick start has them. */
    static Map<String, String> controllerMode(String brokerName, String controllerAddr) {
        return new HashMap<>(Map.of("brokerName", brokerName, "enableControllerMode", "true",
                "controllerAddr", controllerAddr, "brokerRole", "SLAVE", "brokerId", "-1",
                "slaveSynchronizeInterval", "1000"));
    }

    @Test
    void theSlaveTakesOverAndNothingAcknowledgedIsLost() throws Exception {
        try (TideNamesrv ns1 = new TideNamesrv(dir.resolve("ns1"));
             TideNamesrv ns2 = new TideNamesrv(dir.resolve("ns2"));
             ControllerFixture controllers = new ControllerFixture(dir.resolve("ctl"),
                     "127.0.0.21", "127.0.0.22", "127.0.0.23").start();
             ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
            String namesrv = ns1.address() + ";" + ns2.address();
            Map<String, String> a = controllerMode("broker-a", controllers.controllerAddr());
            Map<String, String> b = controllerMode("broker-b", controllers.controllerAddr());
            TideBrokerProcess[] groupA = {
                    new TideBrokerProcess("127.0.0.2", namesrv, dir.resolve("a1"), a),
                    new TideBrokerProcess("127.0.0.3", namesrv, dir.resolve("a2"), a)};
            TideBrokerProcess[] groupB = {
                    new TideBrokerProcess("127.0.0.4", namesrv, dir.resolve("b1"), b),
                    new TideBrokerProcess("127.0.0.5", namesrv, dir.resolve("b2"), b)};
            try (TideBrokerProcess a1 = groupA[0].start(); TideBrokerProcess a2 = groupA[1].start();
                 TideBrokerProcess b1 = groupB[0].start(); TideBrokerProcess b2 = groupB[1].start()) {
                DefaultMQAdminExt admin = Clients.admin(namesrv);
                admin.start();
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> master(admin, "broker-a") != null
                            && master(admin, "broker-b") != null && queries.inSyncAlive("broker-a") == 2
                            && queries.inSyncAlive("broker-b") == 2);
                    String masterB = master(admin, "broker-b");
                    admin.createAndUpdateTopicConfig(master(admin, "broker-a"), new TopicConfig(TOPIC, 4, 4, 6));
                    admin.createAndUpdateTopicConfig(masterB, new TopicConfig(TOPIC, 4, 4, 6));
                    Map<String, String> liveReceived = new ConcurrentHashMap<>();
                    DefaultMQPushConsumer live = FailoverChecks.consumer(namesrv, "CG_FAILOVER_LIVE", TOPIC,
                            liveReceived);
                    Map<String, String> acked;
                    String outcomes;
                    List<Long> promotions = new ArrayList<>();
                    List<Long> resumes = new ArrayList<>();
                    List<Long> rejoins = new ArrayList<>();
                    List<Long> carriedByB = new ArrayList<>();
                    try (FailoverLoad load = new FailoverLoad(namesrv, TOPIC, 4)) {
                        acked = load.acked();
                        await().atMost(Duration.ofSeconds(30)).until(() -> load.acks().stream()
                                .map(FailoverLoad.Ack::brokerName).distinct().count() == 2 && acked.size() > 200);
                        for (int k = 0; k < KILLS; k++) {
                            Thread.sleep(300 + ThreadLocalRandom.current().nextInt(1200));
                            String old = master(admin, "broker-a");
                            TideBrokerProcess victim = old.equals(a1.address()) ? a1 : a2;
                            int before = acked.size();
                            long killed = load.mark("broker-a");
                            victim.kill();
                            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
                                String m = master(admin, "broker-a");
                                return m != null && !m.equals(old);
                            });
                            promotions.add((System.nanoTime() - killed) / 1_000_000);
                            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                                    .until(() -> load.firstOkAfterMark() != 0);
                            long resumed = load.firstOkAfterMark();
                            resumes.add((resumed - killed) / 1_000_000);
                            carriedByB.add(load.acks().stream().filter(x -> x.brokerName().equals("broker-b")
                                    && x.endedNanos() > killed && x.endedNanos() < resumed).count());
                            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > before + 100);
                            long restarted = System.nanoTime();
                            victim.start();
                            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                                    .until(() -> queries.inSyncAlive("broker-a") == 2);
                            rejoins.add((System.nanoTime() - restarted) / 1_000_000);
                        }
                        outcomes = String.valueOf(load.outcomes());
                        System.out.println("failover: how the sends ended " + outcomes);
                    }
                    FailoverChecks.printRoleLines(List.of(groupA));
                    System.out.printf("failover: promotion ms %s, first SEND_OK of a send begun after the kill "
                            + "stored by broker-a ms %s, restarted broker back in sync ms %s, SEND_OKs by broker-b "
                            + "between the kill and broker-a's resumption %s, %d messages acknowledged%n",
                            promotions, resumes, rejoins, carriedByB, acked.size());
                    assertThat(carriedByB.stream().mapToLong(Long::longValue).sum())
                            .as("broker-b took sends while broker-a failed over").isPositive();
                    // broker-a's two logs end at the same offset, through the same epochs, one per failover
                    FailoverChecks.assertSameLogs(admin, queries, a1, a2, KILLS + 1);
                    EpochEntryCache ea = queries.brokerEpochs(a1.address());
                    assertThat(ea.epochList.get(KILLS).endOffset).isEqualTo(ea.maxOffset);
                    // broker-b never failed over: the same master, in its first epoch, with a matching slave
                    assertThat(master(admin, "broker-b")).isEqualTo(masterB);
                    FailoverChecks.assertSameLogs(admin, queries, b1, b2, 1);
                    try {
                        // a consumer that read all along, across every failover, skipped nothing
                        assertAllReceived(acked, liveReceived);
                    } finally {
                        live.shutdown();
                    }
                    FailoverChecks.assertConsumableFromTheStart(namesrv, "CG_FAILOVER_AFTER", TOPIC, acked);
                    FaultReport.record("kill -9 of master-a under load on 2m-2s with controllers, " + KILLS
                                    + " times", MasterKilledUnderLoadFailsOverIT.class, "sends ended "
                                    + outcomes + "; broker-b took sends during each failover",
                            acked.size(), "0 (consumed live and again from the start, bodies compared)",
                            "broker-a: new master in the route after " + percentiles(promotions)
                                    + " ms, first SEND_OK stored by it after " + percentiles(resumes) + " ms",
                            "-");
                } finally {
                    admin.shutdown();
                }
            }
        }
    }

    /** p50 / max of a list of durations. */
    private static String percentiles(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return "p50 " + sorted.get(sorted.size() / 2) + " / max " + sorted.get(sorted.size() - 1);
    }
}
