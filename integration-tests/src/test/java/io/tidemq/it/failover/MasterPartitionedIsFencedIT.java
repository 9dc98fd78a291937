package io.tidemq.it.failover;

import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.NetworkLab;
import io.tidemq.it.support.TideBrokerProcess;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tidemq.it.failover.FailoverChecks.master;
import static org.assertj.core.api.Assertions.assertThat;
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
        BrokerPairInNamespaces.run(dir, GROUP, BrokerPairInNamespaces::oneControllerOnTheHost,
                (lab, admin, queries, controllers, namesrv, b2, b3) -> partitionAndHeal(lab, admin, queries, namesrv,
                        b2, b3));
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
        Map<String, Long> outcomes;
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
            outcomes = load.outcomes();
        }
        FailoverChecks.assertNoOverlap(acks, cutOff.address(), replacement);
        assertThat(master(admin, GROUP)).isEqualTo(replacement);
        FailoverChecks.assertSameLogs(admin, queries, b2, b3, 2);
        FailoverChecks.assertConsumableFromTheStart(namesrv, "CG_PARTITION", TOPIC, acked);
        FaultReport.record(
                "master cut off (its bridge port down, nothing reset) under load",
                MasterPartitionedIsFencedIT.class,
                "sends ended " + outcomes + "; the cut-off master and its replacement never acknowledged in "
                        + "overlapping windows; it rejoined as slave after healing",
                acked.size(),
                "0 (consumed from the start, bodies compared)", "-", "-");
    }
}
