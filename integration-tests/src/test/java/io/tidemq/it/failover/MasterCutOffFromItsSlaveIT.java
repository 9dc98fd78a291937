package io.tidemq.it.failover;

import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.BrokerReplicasInfo;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.NetworkLab;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tidemq.it.failover.FailoverChecks.master;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Master and slave apart under load while both still reach the controllers and the NameServer (each node's packets
 * to the other are dropped in the network): the master is alive, so nobody is elected; sends wait for the slave
 * until the master drops it from the in-sync set, then go on with the master alone; the controllers refuse to make
 * the out-of-sync slave master. After the link heals the slave catches up and is back in the in-sync set, in the
 * same master epoch, with the same log; every acknowledged message is consumed with its body.
 */
class MasterCutOffFromItsSlaveIT {
    private static final String TOPIC = "SPLIT_TOPIC";
    private static final String GROUP = "broker-s";

    @TempDir
    Path dir;

    @Test
    void theMasterGoesOnAloneAndTheUnreachableSlaveIsNeverElected() throws Exception {
        BrokerPairInNamespaces.run(dir, GROUP, BrokerPairInNamespaces::oneControllerOnTheHost,
                (lab, admin, queries, controllers, namesrv, b2, b3) -> splitAndJoin(lab, admin, queries, namesrv,
                        b2, b3));
    }

    private static void splitAndJoin(NetworkLab lab, DefaultMQAdminExt admin, ControllerQueries queries,
                                     String namesrv, TideBrokerProcess b2, TideBrokerProcess b3) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> master(admin, GROUP) != null
                && queries.inSyncAlive(GROUP) == 2);
        String masterAddr = master(admin, GROUP);
        BrokerReplicasInfo.ReplicasInfo before = queries.group(GROUP);
        long slaveId = before.inSyncReplicas.stream().filter(r -> !r.brokerAddress.equals(masterAddr))
                .mapToLong(r -> r.brokerId).findFirst().orElseThrow();
        admin.createAndUpdateTopicConfig(masterAddr, new TopicConfig(TOPIC, 4, 4, 6));
        Map<String, String> acked;
        List<FailoverLoad.Ack> acks;
        Map<String, Long> duringSplit;
        long shrinkMillis;
        long rejoinMillis;
        Map<String, Long> outcomes;
        try (FailoverLoad load = new FailoverLoad(namesrv, TOPIC, 4)) {
            acked = load.acked();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > 300);
            Map<String, Long> beforeSplit = load.outcomes();
            long splitAt = System.nanoTime();
            lab.split(2, 3);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> inSyncIds(queries).equals(List.of(before.masterBrokerId)));
            shrinkMillis = (System.nanoTime() - splitAt) / 1_000_000;
            int alone = acked.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > alone + 300);

            BrokerReplicasInfo.ReplicasInfo split = queries.group(GROUP);
            assertThat(split.masterBrokerId).as("the master is alive: nobody replaced it")
                    .isEqualTo(before.masterBrokerId);
            assertThat(split.masterEpoch).isEqualTo(before.masterEpoch);
            assertThat(split.notInSyncReplicas).anySatisfy(r -> {
                assertThat(r.brokerId).isEqualTo(slaveId);
                assertThat(r.alive).as("the slave still heartbeats the controllers").isTrue();
            });
            RemotingCommand refused = queries.electMaster(GROUP, slaveId);
            assertThat(refused.getCode()).as(refused.getRemark())
                    .isEqualTo(ResponseCode.CONTROLLER_ELECT_MASTER_FAILED);
            assertThat(master(admin, GROUP)).isEqualTo(masterAddr);
            duringSplit = minus(load.outcomes(), beforeSplit);

            long joinAt = System.nanoTime();
            lab.join(2, 3);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
                    .until(() -> queries.inSyncAlive(GROUP) == 2);
            rejoinMillis = (System.nanoTime() - joinAt) / 1_000_000;
            int after = acked.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > after + 200);
            acks = List.copyOf(load.acks());
            outcomes = load.outcomes();
        }
        System.out.printf("split: in-sync set shrank %d ms after the split, sends while split %s, slave back in "
                + "sync %d ms after the join, %d messages acknowledged%n", shrinkMillis, duringSplit, rejoinMillis,
                acked.size());
        assertThat(acks).as("only the master ever acknowledged").allSatisfy(a ->
                assertThat(a.storeHost()).isEqualTo(masterAddr));
        assertThat(queries.group(GROUP).masterEpoch).isEqualTo(before.masterEpoch);
        FailoverChecks.assertSameLogs(admin, queries, b2, b3, 1);
        FailoverChecks.assertConsumableFromTheStart(namesrv, "CG_SPLIT", TOPIC, acked);
        FaultReport.record(
                "master and slave cut apart, both still reaching the controllers",
                MasterCutOffFromItsSlaveIT.class,
                "sends ended " + outcomes + "; only the master ever acknowledged, alone once the slave left the "
                        + "in-sync set; the slave was never elected",
                acked.size(),
                "0 (consumed from the start, bodies compared)", "-", "-");
    }

    private static List<Long> inSyncIds(ControllerQueries queries) {
        BrokerReplicasInfo.ReplicasInfo g = queries.group(GROUP);
        return g == null ? List.of() : g.inSyncReplicas.stream().map(r -> r.brokerId).sorted().toList();
    }

    private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> then) {
        Map<String, Long> out = new TreeMap<>();
        now.forEach((k, v) -> {
            long d = v - then.getOrDefault(k, 0L);
            if (d > 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}
