package io.tidemq.it.failover;

import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.NetworkLab;
import io.tidemq.it.support.TideBrokerProcess;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tidemq.it.failover.FailoverChecks.master;
import static org.assertj.core.api.Assertions.assertThat;
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
        BrokerPairInNamespaces.run(dir, GROUP, MasterCutOffFromTheControllersIT::threeControllersOfTheirOwn,
                (lab, admin, queries, controllers, namesrv, b2, b3) -> cutAndHeal(lab, admin, controllers, queries,
                        namesrv, b2, b3));
    }

    /** Controllers on nodes 4, 5 and 6, so the master can lose them and nothing else. */
    private static ControllerFixture threeControllersOfTheirOwn(NetworkLab lab, Path dir) throws IOException {
        List<String> namespaces = new ArrayList<>();
        for (int n : CONTROLLER_NODES) {
            namespaces.add(lab.addNode(n));
        }
        return ControllerFixture.inNamespaces(dir, namespaces, CONTROLLER_NODES.stream().map(lab::address).toList());
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
        Map<String, Long> outcomes;
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
            outcomes = load.outcomes();
            System.out.printf("cut from controllers: new master in the route %d ms after the cut and the leading "
                    + "controller's kill; sends %s%n", promotionMillis, load.outcomes());
        }
        FailoverChecks.assertNoOverlap(acks, cutOff.address(), replacement);
        assertThat(master(admin, GROUP)).isEqualTo(replacement);
        FailoverChecks.assertSameLogs(admin, queries, b2, b3, 2);
        FailoverChecks.assertConsumableFromTheStart(namesrv, "CG_CUT_CONTROLLERS", TOPIC, acked);
        FaultReport.record(
                "master cut off from its three controllers, the leading controller killed at the same moment",
                MasterCutOffFromTheControllersIT.class,
                "sends ended " + outcomes + "; the old master was fenced across the controller leader change",
                acked.size(),
                "0 (consumed from the start, bodies compared)", "-", "-");
    }
}
