package io.tidemq.it.failover;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tidemq.it.failover.FailoverChecks.master;
import static io.tidemq.it.failover.FailoverChecks.maxOffset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three controllers and a group of three brokers (each process on its own loopback address) under load. The master
 * and the leading controller are killed together: a new controller leader takes over and, after waiting one
 * heartbeat timeout, elects an in-sync replica. Before the old master is back, and once the third replica is in
 * the new master's in-sync set, the new master is killed too: the last replica takes over. Everything killed is restarted; all three brokers end in sync with the same log end, and
 * every acknowledged message is consumed.
 */
class ControllerLeaderKilledDuringFailoverIT {
    private static final String TOPIC = "CTL_FAILOVER_TOPIC";
    private static final String GROUP = "broker-c";

    @TempDir
    Path dir;

    @Test
    void failoverCompletesAcrossAControllerLeaderChangeAndASecondFailover() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             ControllerFixture controllers = new ControllerFixture(dir.resolve("ctl"), "127.0.0.11", "127.0.0.12",
                     "127.0.0.13").start();
             ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
            Map<String, String> settings = MasterKilledUnderLoadFailsOverIT.controllerMode(GROUP,
                    controllers.controllerAddr());
            List<TideBrokerProcess> brokers = List.of(
                    new TideBrokerProcess("127.0.0.21", ns.address(), dir.resolve("b1"), settings),
                    new TideBrokerProcess("127.0.0.22", ns.address(), dir.resolve("b2"), settings),
                    new TideBrokerProcess("127.0.0.23", ns.address(), dir.resolve("b3"), settings));
            try (TideBrokerProcess b1 = brokers.get(0).start(); TideBrokerProcess b2 = brokers.get(1).start();
                 TideBrokerProcess b3 = brokers.get(2).start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> master(admin, GROUP) != null
                            && queries.inSyncAlive(GROUP) == 3);
                    admin.createAndUpdateTopicConfig(master(admin, GROUP), new TopicConfig(TOPIC, 4, 4, 6));
                    Map<String, String> acked;
                    Map<String, Long> outcomes;
                    try (FailoverLoad load = new FailoverLoad(ns.address(), TOPIC, 4)) {
                        acked = load.acked();
                        await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > 300);

                        String first = master(admin, GROUP);
                        int leader = controllers.addresses().indexOf(queries.leader());
                        assertThat(leader).as("leading controller").isNotNegative();
                        TideBrokerProcess firstVictim = byAddress(brokers, first);
                        firstVictim.kill();
                        controllers.kill(leader);
                        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                            String m = master(admin, GROUP);
                            return m != null && !m.equals(first);
                        });
                        String second = master(admin, GROUP);
                        int before = acked.size();
                        await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > before + 200);

                        // a second failover before the first victim is back, once the third replica has joined the
                        // new master's in-sync set (before that it may not be elected: it may lack acknowledged data)
                        await().atMost(Duration.ofSeconds(20)).until(() -> queries.inSyncAlive(GROUP) == 2);
                        TideBrokerProcess secondVictim = byAddress(brokers, second);
                        secondVictim.kill();
                        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                            String m = master(admin, GROUP);
                            return m != null && !m.equals(first) && !m.equals(second);
                        });
                        int again = acked.size();
                        await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > again + 200);

                        controllers.start(leader);
                        firstVictim.start();
                        secondVictim.start();
                        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                                .until(() -> queries.inSyncAlive(GROUP) == 3);
                        int rejoined = acked.size();
                        await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > rejoined + 200);
                        outcomes = load.outcomes();
                    }
                    await().atMost(Duration.ofSeconds(30)).until(() -> maxOffset(admin, b1.address())
                            == maxOffset(admin, b2.address()) && maxOffset(admin, b2.address())
                            == maxOffset(admin, b3.address()));
                    FailoverChecks.assertConsumableFromTheStart(ns.address(), "CG_CTL_FAILOVER", TOPIC, acked);
                    FaultReport.record(
                            "the leading controller killed during a failover, then a second failover",
                            ControllerLeaderKilledDuringFailoverIT.class,
                            "sends ended " + outcomes + "; sends failed until a master was elected",
                            acked.size(),
                            "0 (consumed from the start, bodies compared)", "-", "-");
                } catch (Throwable t) {
                    FailoverChecks.printRoleLines(brokers);
                    throw t;
                } finally {
                    admin.shutdown();
                }
            }
        }
    }

    private static TideBrokerProcess byAddress(List<TideBrokerProcess> brokers, String address) {
        return brokers.stream().filter(b -> b.address().equals(address)).findFirst().orElseThrow();
    }
}
