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
 * The master cut off the network under load (its brokers in network namespaces on a bridge the test makes; its
 * bridge port goes down, so nothing reaches it and nothing it sends arrives, no connection is reset): it stops
 * acknowledging within its lease, the slave is elected after the heartbeat timeout, and no send begun after the new
 * master's first SEND_OK is acknowledged by the old one. After healing, the old master learns it was replaced, cuts
 * back what only it held, rejoins the in-sync set as a slave and converges: same log end, same epoch history; every
 * acknowledged message is consumed with its body.
 */
class MasterPartitionedIsFencedIT {
    private static final String TOPIC = "PARTITION_TOPIC";
    private static final String GROUP = "broker-n";

    @TempDir
    Path dir;

    @Test
    void aCutOffMasterIsFencedAndRejoinsAsSlaveAfterHealing() throws Exception {
        assumeThat(NetworkLab.available()).as("network namespaces (root, iproute2)").isTrue();
        try (NetworkLab lab = new NetworkLab()) {
            String ns2 = lab.addNode(2);
            String ns3 = lab.addNode(3);
            try (TideNamesrv ns = new TideNamesrv(lab.hostAddress(), dir.resolve("ns"));
                 ControllerFixture controllers = new ControllerFixture(dir.resolve("ctl"), lab.hostAddress())
                         .start();
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
                        partitionAndHeal(lab, admin, queries, ns.address(), b2, b3);
                    } finally {
                        admin.shutdown();
                    }
                }
            }
        }
    }

    private static void partitionAndHeal(NetworkLab lab, DefaultMQAdminExt admin, ControllerQueries queries,
                                         String namesrv, TideBrokerProcess b2, TideBrokerProcess b3)
            throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> master(admin, GROUP) != null
                && queries.inSyncAlive(GROUP) == 2);
        String old = master(admin, GROUP);
        TideBrokerProcess cutOff = old.equals(b2.address()) ? b2 : b3;
        String replacement = cutOff == b2 ? b3.address() : b2.address();
        admin.createAndUpdateTopicConfig(old, new TopicConfig(TOPIC, 4, 4, 6));
        Map<String, String> acked;
        List<FailoverLoad.Ack> acks;
        try (FailoverLoad load = new FailoverLoad(namesrv, TOPIC, 4)) {
            acked = load.acked();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > 300);
            int node = cutOff == b2 ? 2 : 3;
            lab.cut(node);
            load.mark();
            await().atMost(Duration.ofSeconds(20)).until(() -> replacement.equals(master(admin, GROUP)));
            int during = acked.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > during + 300);
            lab.heal(node);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                    .until(() -> queries.inSyncAlive(GROUP) == 2);
            int after = acked.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > after + 200);
            acks = List.copyOf(load.acks());
        }
        long firstByReplacement = acks.stream().filter(a -> a.storeHost().equals(replacement))
                .mapToLong(FailoverLoad.Ack::endedNanos).min().orElseThrow();
        assertThat(acks.stream().filter(a -> a.storeHost().equals(cutOff.address())
                && a.startedNanos() > firstByReplacement).count())
                .as("sends begun after the new master's first SEND_OK yet acknowledged by the cut-off one").isZero();
        assertThat(master(admin, GROUP)).isEqualTo(replacement);
        await().atMost(Duration.ofSeconds(30)).until(() -> maxOffset(admin, b2.address())
                == maxOffset(admin, b3.address()));
        EpochEntryCache e2 = queries.brokerEpochs(b2.address());
        EpochEntryCache e3 = queries.brokerEpochs(b3.address());
        assertThat(e2.epochList).hasSize(2);
        assertThat(Json.toString(e2.epochList)).isEqualTo(Json.toString(e3.epochList));
        FailoverChecks.assertConsumableFromTheStart(namesrv, "CG_PARTITION", TOPIC, acked);
    }
}
