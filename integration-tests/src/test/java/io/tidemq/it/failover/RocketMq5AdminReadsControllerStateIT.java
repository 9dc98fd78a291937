package io.tidemq.it.failover;

import io.tidemq.common.protocol.body.BrokerReplicasInfo;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.MqAdmin;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tidemq.it.failover.FailoverChecks.master;
import static io.tidemq.it.failover.FailoverChecks.maxOffset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Apache RocketMQ 5.3.1's own mqadmin, run as an operator runs it, reads TideMQ's controller state and drives an
 * election: getControllerMetaData, getSyncStateSet, getBrokerEpoch and electMaster.
 */
class RocketMq5AdminReadsControllerStateIT {
    private static final String GROUP = "broker-m";
    private static final String TOPIC = "MQADMIN5_TOPIC";

    @TempDir
    Path dir;

    @Test
    void mqadmin531ReadsTheControllersAndElectsAMaster() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             ControllerFixture controllers = new ControllerFixture(dir.resolve("ctl"), "127.0.0.1").start();
             ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
            Map<String, String> settings = MasterKilledUnderLoadFailsOverIT.controllerMode(GROUP,
                    controllers.controllerAddr());
            try (TideBrokerProcess b1 = new TideBrokerProcess("127.0.0.51", ns.address(), dir.resolve("b1"),
                    settings).start();
                 TideBrokerProcess b2 = new TideBrokerProcess("127.0.0.52", ns.address(), dir.resolve("b2"),
                         settings).start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> master(admin, GROUP) != null
                            && queries.inSyncAlive(GROUP) == 2);
                    check(admin, queries, ns.address(), controllers.controllerAddr(), List.of(b1, b2));
                } finally {
                    admin.shutdown();
                }
            }
        }
    }

    private void check(DefaultMQAdminExt admin, ControllerQueries queries, String namesrv, String controller,
                       List<TideBrokerProcess> brokers) throws Exception {
        BrokerReplicasInfo.ReplicasInfo g = queries.group(GROUP);
        String masterAddr = g.masterAddress;
        long slaveId = g.inSyncReplicas.stream().filter(r -> !r.brokerAddress.equals(masterAddr))
                .mapToLong(r -> r.brokerId).findFirst().orElseThrow();
        String slaveAddr = brokers.stream().map(TideBrokerProcess::address).filter(a -> !a.equals(masterAddr))
                .findFirst().orElseThrow();

        admin.createAndUpdateTopicConfig(masterAddr, new TopicConfig(TOPIC, 2, 2, 6));
        DefaultMQProducer producer = Clients.producer("PG_MQADMIN5", namesrv);
        producer.start();
        try {
            for (int i = 0; i < 50; i++) {
                assertThat(producer.send(new Message(TOPIC, ("m" + i).getBytes(StandardCharsets.UTF_8)))
                        .getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }
        } finally {
            producer.shutdown();
        }
        long end = maxOffset(admin, masterAddr);
        await().atMost(Duration.ofSeconds(20)).until(() -> maxOffset(admin, slaveAddr) == end);

        assertThat(MqAdmin.run5(dir, "getControllerMetaData", "-a", controller))
                .contains("#ControllerLeaderAddress\t" + controller, "#Peer:\tn0-" + controller);

        assertThat(MqAdmin.run5(dir, "getSyncStateSet", "-a", controller, "-b", GROUP))
                .contains("#brokerName\t" + GROUP, "#MasterBrokerId\t" + g.masterBrokerId,
                        "#MasterAddr\t" + masterAddr, "#MasterEpoch\t1", "#SyncStateSetNums\t2",
                        "brokerId=" + slaveId + ", brokerAddress='" + slaveAddr + "', alive=true",
                        "brokerAddress='" + masterAddr + "', alive=true");

        String epochs = MqAdmin.run5(dir, "getBrokerEpoch", "-n", namesrv, "-b", GROUP);
        for (TideBrokerProcess b : brokers) {
            assertThat(epochs).contains("#brokerAddr\t" + b.address());
        }
        assertThat(epochs.split("EpochEntry\\{epoch=1, startOffset=0, endOffset=" + end + "}", -1))
                .as("both brokers hold epoch 1 from 0 to the log end " + end + ":\n" + epochs).hasSize(3);

        assertThat(MqAdmin.run5(dir, "electMaster", "-a", controller, "-c", "DefaultCluster", "-bn", GROUP,
                "-b", "9")).as("no such replica").contains("CODE: 2012", "not in the in-sync set");
        assertThat(master(admin, GROUP)).isEqualTo(masterAddr);

        assertThat(MqAdmin.run5(dir, "electMaster", "-a", controller, "-c", "DefaultCluster", "-bn", GROUP,
                "-b", String.valueOf(slaveId))).contains("#BrokerMasterAddr\t" + slaveAddr, "#MasterEpoch\t2");
        await().atMost(Duration.ofSeconds(20)).until(() -> slaveAddr.equals(master(admin, GROUP)));
        assertThat(MqAdmin.run5(dir, "getSyncStateSet", "-a", controller, "-b", GROUP))
                .contains("#MasterBrokerId\t" + slaveId, "#MasterAddr\t" + slaveAddr, "#MasterEpoch\t2");
    }
}
