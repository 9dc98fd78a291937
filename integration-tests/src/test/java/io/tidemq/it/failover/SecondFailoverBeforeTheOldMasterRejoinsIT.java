package io.tidemq.it.failover;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.BrokerReplicasInfo;
import io.tidemq.common.protocol.body.EpochEntryCache;
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
 * The restart-order trap of a two-replica group: the master A dies and B takes over and acknowledges alone; then B
 * dies too, before A is back. The controllers strike B off (no master, a new epoch). A restarts first: it lacks
 * what B acknowledged, so it must not become master, and nothing is acknowledged while the group has no eligible
 * replica. When B restarts it is elected in an epoch of its own,
 * A cuts back to where B's epoch began, catches up and rejoins; every acknowledged message, B's lone ones included,
 * is consumed with its body.
 */
class SecondFailoverBeforeTheOldMasterRejoinsIT {
    private static final String TOPIC = "TWICE_TOPIC";
    private static final String GROUP = "broker-t";

    @TempDir
    Path dir;

    @Test
    void theReplicaThatMissedTheLastEpochWaitsForTheOneThatHasIt() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             ControllerFixture controllers = new ControllerFixture(dir.resolve("ctl"), "127.0.0.1").start();
             ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
            Map<String, String> settings = MasterKilledUnderLoadFailsOverIT.controllerMode(GROUP,
                    controllers.controllerAddr());
            List<TideBrokerProcess> brokers = List.of(
                    new TideBrokerProcess("127.0.0.41", ns.address(), dir.resolve("b1"), settings),
                    new TideBrokerProcess("127.0.0.42", ns.address(), dir.resolve("b2"), settings));
            try (TideBrokerProcess b1 = brokers.get(0).start(); TideBrokerProcess b2 = brokers.get(1).start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                try {
                    killBothThenRestartInTheWrongOrder(admin, queries, ns.address(), brokers);
                } catch (Throwable t) {
                    FailoverChecks.printRoleLines(brokers);
                    throw t;
                } finally {
                    admin.shutdown();
                }
            }
        }
    }

    private static void killBothThenRestartInTheWrongOrder(DefaultMQAdminExt admin, ControllerQueries queries,
                                                           String namesrv, List<TideBrokerProcess> brokers)
            throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> master(admin, GROUP) != null
                && queries.inSyncAlive(GROUP) == 2);
        admin.createAndUpdateTopicConfig(master(admin, GROUP), new TopicConfig(TOPIC, 4, 4, 6));
        Map<String, String> acked;
        Map<String, Long> outcomes;
        try (FailoverLoad load = new FailoverLoad(namesrv, TOPIC, 4)) {
            acked = load.acked();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > 300);
            String first = master(admin, GROUP);
            TideBrokerProcess a = byAddress(brokers, first);
            TideBrokerProcess b = brokers.get(0) == a ? brokers.get(1) : brokers.get(0);
            long aId = idOf(queries.group(GROUP), a.address());
            a.kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.address().equals(master(admin, GROUP)));
            int byA = acked.size();
            // B acknowledges alone: these messages exist nowhere else
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > byA + 500);
            int bEpoch = queries.group(GROUP).masterEpoch;
            b.kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> master(admin, GROUP) == null);

            a.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                BrokerReplicasInfo.ReplicasInfo g = queries.group(GROUP);
                return g != null && g.notInSyncReplicas.stream()
                        .anyMatch(r -> r.brokerId == aId && Boolean.TRUE.equals(r.alive));
            });
            int whileOnlyA = acked.size();
            // well past the heartbeat timeout (3 s): time enough for a wrong election to happen
            Thread.sleep(8000);
            assertThat(master(admin, GROUP)).as("the replica that missed epoch %d is not master", bEpoch).isNull();
            BrokerReplicasInfo.ReplicasInfo g = queries.group(GROUP);
            assertThat(g.masterBrokerId).as("the dead master is struck off, the other not elected").isNull();
            assertThat(g.masterEpoch).isGreaterThan(bEpoch);
            assertThat(queries.electMaster(GROUP, aId).getCode())
                    .isEqualTo(ResponseCode.CONTROLLER_ELECT_MASTER_FAILED);
            assertThat(acked.size()).as("nothing acknowledged without an eligible master").isEqualTo(whileOnlyA);

            b.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> b.address().equals(master(admin, GROUP)));
            assertThat(queries.group(GROUP).masterEpoch).isGreaterThan(bEpoch);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> queries.inSyncAlive(GROUP) == 2);
            int back = acked.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > back + 200);
            System.out.printf("twice: %d acknowledged by the first master, %d by the second alone, %d in all; sends "
                    + "%s%n", byA, whileOnlyA - byA, acked.size(), load.outcomes());
            outcomes = load.outcomes();
        }
        TideBrokerProcess b1 = brokers.get(0);
        TideBrokerProcess b2 = brokers.get(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> maxOffset(admin, b1.address())
                == maxOffset(admin, b2.address()));
        EpochEntryCache e1 = queries.brokerEpochs(b1.address());
        EpochEntryCache e2 = queries.brokerEpochs(b2.address());
        assertThat(Json.toString(e1.epochList)).isEqualTo(Json.toString(e2.epochList));
        FailoverChecks.assertConsumableFromTheStart(namesrv, "CG_TWICE", TOPIC, acked);
        FaultReport.record(
                "a second failover before the first old master rejoins",
                SecondFailoverBeforeTheOldMasterRejoinsIT.class,
                "sends ended " + outcomes + "; the replica that missed the last epoch waited for the one that had "
                        + "it",
                acked.size(),
                "0 (consumed from the start, bodies compared)", "-", "-");
    }

    private static long idOf(BrokerReplicasInfo.ReplicasInfo g, String address) {
        return g.inSyncReplicas.stream().filter(r -> r.brokerAddress.equals(address)).mapToLong(r -> r.brokerId)
                .findFirst().orElseThrow();
    }

    private static TideBrokerProcess byAddress(List<TideBrokerProcess> brokers, String address) {
        return brokers.stream().filter(x -> x.address().equals(address)).findFirst().orElseThrow();
    }
}
