package io.tidemq.it.failover;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.body.EpochEntryCache;
import io.tidemq.it.support.Clients;
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
import static io.tidemq.it.failover.FailoverChecks.maxOffset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Controller mode, the guide's two-node pair (each broker on its own loopback address, a controller, a NameServer,
 * the official 4.9.3 client polling routes every second, four sending threads): the master is killed with SIGKILL
 * at random moments under steady load, ten times, the killed one restarted each time. Its slave takes over by
 * itself; every SEND_OK message is consumed with its exact body, by a consumer that read all along and by one that
 * starts after; the restarted broker comes back as a slave, rejoins the in-sync set and ends with the same log end
 * as the master. Promotion, resume and rejoin times are printed.
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
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             ControllerFixture controllers = new ControllerFixture(dir.resolve("ctl"), "127.0.0.1").start();
             ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
            Map<String, String> settings = controllerMode("broker-a", controllers.controllerAddr());
            TideBrokerProcess[] brokers = {
                    new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("b1"), settings),
                    new TideBrokerProcess("127.0.0.3", ns.address(), dir.resolve("b2"), settings)};
            try (TideBrokerProcess b1 = brokers[0].start(); TideBrokerProcess b2 = brokers[1].start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> master(admin, "broker-a") != null
                            && queries.inSyncAlive("broker-a") == 2);
                    admin.createAndUpdateTopicConfig(master(admin, "broker-a"), new TopicConfig(TOPIC, 4, 4, 6));
                    Map<String, String> liveReceived = new ConcurrentHashMap<>();
                    DefaultMQPushConsumer live = FailoverChecks.consumer(ns.address(), "CG_FAILOVER_LIVE", TOPIC,
                            liveReceived);
                    Map<String, String> acked;
                    List<Long> promotions = new ArrayList<>();
                    List<Long> resumes = new ArrayList<>();
                    List<Long> rejoins = new ArrayList<>();
                    try (FailoverLoad load = new FailoverLoad(ns.address(), TOPIC, 4)) {
                        acked = load.acked();
                        await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > 200);
                        for (int k = 0; k < KILLS; k++) {
                            Thread.sleep(300 + ThreadLocalRandom.current().nextInt(1200));
                            String old = master(admin, "broker-a");
                            TideBrokerProcess victim = old.equals(b1.address()) ? b1 : b2;
                            int before = acked.size();
                            long killed = load.mark();
                            victim.kill();
                            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
                                String m = master(admin, "broker-a");
                                return m != null && !m.equals(old);
                            });
                            promotions.add((System.nanoTime() - killed) / 1_000_000);
                            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                                    .until(() -> load.firstOkAfterMark() != 0);
                            resumes.add((load.firstOkAfterMark() - killed) / 1_000_000);
                            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > before + 100);
                            long restarted = System.nanoTime();
                            victim.start();
                            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                                    .until(() -> queries.inSyncAlive("broker-a") == 2);
                            rejoins.add((System.nanoTime() - restarted) / 1_000_000);
                        }
                    }
                    FailoverChecks.printRoleLines(List.of(brokers));
                    System.out.printf("failover: promotion ms %s, first SEND_OK of a send begun after the kill ms "
                            + "%s, restarted broker back in sync ms %s, %d messages acknowledged%n", promotions,
                            resumes, rejoins, acked.size());
                    // the two logs end at the same offset once the last one caught up
                    await().atMost(Duration.ofSeconds(30)).until(() -> maxOffset(admin, b1.address())
                            == maxOffset(admin, b2.address()));
                    // and went through the same master epochs, each beginning at the same offset on both
                    EpochEntryCache e1 = queries.brokerEpochs(b1.address());
                    EpochEntryCache e2 = queries.brokerEpochs(b2.address());
                    assertThat(e1.epochList).hasSize(KILLS + 1);
                    assertThat(Json.toString(e1.epochList)).isEqualTo(Json.toString(e2.epochList));
                    assertThat(e1.epochList.get(KILLS).endOffset).isEqualTo(e1.maxOffset);
                    try {
                        // a consumer that read all along, across every failover, skipped nothing
                        assertAllReceived(acked, liveReceived);
                    } finally {
                        live.shutdown();
                    }
                    FailoverChecks.assertConsumableFromTheStart(ns.address(), "CG_FAILOVER_AFTER", TOPIC, acked);
                } finally {
                    admin.shutdown();
                }
            }
        }
    }
}
