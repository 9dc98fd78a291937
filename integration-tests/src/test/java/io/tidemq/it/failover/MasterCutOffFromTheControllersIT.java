package io.tidemq.it.failover;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.body.EpochEntryCache;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.NetworkLab;
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
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The master cut off from the three controllers only (it still reaches its slave, the NameServer and the clients),
 * and at the same moment the leading controller killed, so the lease the master holds was granted by a controller
 * that is gone: the master stops acknowledging when its lease runs out, the new controller leader waits out a
 * heartbeat timeout and elects the slave, the NameServer refuses the old master's stale registrations, and no send
 * begun after the new master's first SEND_OK is acknowledged by the old one. After healing the old master learns it
 * was replaced, rejoins as a slave and converges; every acknowledged message is consumed with its body.
 */
class MasterCutOffFromTheControllersIT {
    private static final String TOPIC = "CUT_CONTROLLERS_TOPIC";
    private static final String GROUP = "broker-k";
    private static final List<Integer> CONTROLLER_NODES = List.of(4, 5, 6);

    @TempDir
    Path dir;

    @Test
    void aMasterThatLostTheControllersIsFencedAcrossAControllerLeaderChange() throws Exception {
        assumeThat(NetworkLab.available()).as("network namespaces (root, iproute2)").isTrue();
        try (NetworkLab lab = new NetworkLab()) {
            String ns2 = lab.addNode(2);
            String ns3 = lab.addNode(3);
            List<String> controllerNs = List.of(lab.addNode(4), lab.addNode(5), lab.addNode(6));
            List<String> controllerHosts = CONTROLLER_NODES.stream().map(lab::address).toList();
            try (TideNamesrv ns = new TideNamesrv(lab.hostAddress(), dir.resolve("ns"));
                 ControllerFixture controllers = ControllerFixture.inNamespaces(dir.resolve("ctl"), controllerNs,
                         controllerHosts).start();
                 ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
                Map<String, String> settings = MasterKilledUnderLoadFailsOverIT.controllerMode(GROUP,
                        controllers.controllerAddr());
                try (TideBrokerProcess b2 = TideBrokerProcess.inNamespace(ns2, lab.address(2), 30911, ns.address(),
                        dir.resolve("b2"), settings).start();
                     TideBrokerProcess b3 = TideBrokerProcess.inNamespace(ns3, lab.address(3), 30911, ns.address(),
                             dir.resolve("b3"), settings).start()) {
                    DefaultMQAdminExt admin = Clients.admin(ns.address());
                    admin.start();
                    try {
                        cutAndHeal(lab, admin, controllers, queries, ns.address(), b2, b3);
                    } finally {
                        admin.shutdown();
                    }
                }
            }
        }
    }

    private static void cutAndHeal(NetworkLab lab, DefaultMQAdminExt admin, ControllerFixture controllers,
                                   ControllerQueries queries, String namesrv, TideBrokerProcess b2,
                                   TideBrokerProcess b3) throws Exception {
        await().atMost(Duration.ofSeconds(40)).until(() -> master(admin, GROUP) != null
                && queries.inSyncAlive(GROUP) == 2);
        String old = master(admin, GROUP);
        TideBrokerProcess cutOff = old.equals(b2.address()) ? b2 : b3;
        String replacement = cutOff == b2 ? b3.address() : b2.address();
        int node = cutOff == b2 ? 2 : 3;
        admin.createAndUpdateTopicConfig(old, new TopicConfig(TOPIC, 4, 4, 6));
        Map<String, String> acked;
        List<FailoverLoad.Ack> acks;
        long promotionMillis;
        int leader;
        try (FailoverLoad load = new FailoverLoad(namesrv, TOPIC, 4)) {
            acked = load.acked();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > 300);
            leader = controllers.addresses().indexOf(queries.leader());
            assertThat(leader).as("leading controller").isNotNegative();
            long cutAt = load.mark();
            for (int c : CONTROLLER_NODES) {
                lab.split(node, c);
            }
            controllers.kill(leader);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> replacement.equals(master(admin, GROUP)));
            promotionMillis = (System.nanoTime() - cutAt) / 1_000_000;
            int during = acked.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > during + 300);
            assertThat(master(admin, GROUP)).as("the old master still registers, and is refused")
                    .isEqualTo(replacement);

            for (int c : CONTROLLER_NODES) {
                lab.join(node, c);
            }
            controllers.start(leader);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                    .until(() -> queries.inSyncAlive(GROUP) == 2);
            int after = acked.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > after + 200);
            acks = List.copyOf(load.acks());
            System.out.printf("cut from controllers: new master in the route %d ms after the cut and the leading "
                    + "controller's kill; sends %s%n", promotionMillis, load.outcomes());
        }
        long firstByReplacement = acks.stream().filter(a -> a.storeHost().equals(replacement))
                .mapToLong(FailoverLoad.Ack::endedNanos).min().orElseThrow();
        assertThat(acks.stream().filter(a -> a.storeHost().equals(cutOff.address())
                && a.startedNanos() > firstByReplacement).count())
                .as("sends begun after the new master's first SEND_OK yet acknowledged by the old one").isZero();
        assertThat(master(admin, GROUP)).isEqualTo(replacement);
        await().atMost(Duration.ofSeconds(30)).until(() -> maxOffset(admin, b2.address())
                == maxOffset(admin, b3.address()));
        EpochEntryCache e2 = queries.brokerEpochs(b2.address());
        EpochEntryCache e3 = queries.brokerEpochs(b3.address());
        assertThat(e2.epochList).hasSize(2);
        assertThat(Json.toString(e2.epochList)).isEqualTo(Json.toString(e3.epochList));
        FailoverChecks.assertConsumableFromTheStart(namesrv, "CG_CUT_CONTROLLERS", TOPIC, acked);
    }
}
