package io.tidemq.it.failover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemq.common.protocol.body.BrokerReplicasInfo;
import io.tidemq.console.ConsoleConfig;
import io.tidemq.console.ConsoleServer;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.HeadlessChromium;
import io.tidemq.it.support.MqAdmin;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * election (getControllerMetaData, getSyncStateSet, getBrokerEpoch, electMaster), and the console shows the same
 * state before and after, having found the controllers in the brokers' configuration.
 */
class ControllerStateSeenByToolsIT {
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
        try (ConsoleServer console = ConsoleServer.start(new ConsoleConfig(namesrv, "127.0.0.1", 0, null, null,
                null, null, 60))) {
            check(admin, queries, namesrv, controller, brokers, console);
        }
    }

    private void check(DefaultMQAdminExt admin, ControllerQueries queries, String namesrv, String controller,
                       List<TideBrokerProcess> brokers, ConsoleServer console) throws Exception {
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

        JsonNode seen = consoleView(console);
        assertThat(seen.path("enabled").asBoolean()).isTrue();
        assertThat(seen.path("leader").asText()).isEqualTo(controller);
        assertThat(seen.path("controllers").get(0).path("leader").asBoolean()).isTrue();
        JsonNode group = seen.path("groups").get(0);
        assertThat(group.path("brokerName").asText()).isEqualTo(GROUP);
        assertThat(group.path("masterAddress").asText()).isEqualTo(masterAddr);
        assertThat(group.path("masterEpoch").asInt()).isEqualTo(1);
        assertThat(group.path("replicas").findValuesAsText("address")).containsExactlyInAnyOrder(masterAddr, slaveAddr);
        assertThat(group.path("replicas").findValues("inSync")).allMatch(JsonNode::asBoolean);
        assertThat(group.path("replicas").findValues("alive")).allMatch(JsonNode::asBoolean);
        if (HeadlessChromium.usable()) {
            String page = replicationPage(console);
            assertThat(page).contains("Automatic failover (controller mode)", controller, "leader",
                    GROUP + ": master " + g.masterBrokerId + " at " + masterAddr + ", master epoch 1", slaveAddr);
        }

        assertThat(MqAdmin.run5(dir, "electMaster", "-a", controller, "-c", "DefaultCluster", "-bn", GROUP,
                "-b", "9")).as("no such replica").contains("CODE: 2012", "not in the in-sync set");
        assertThat(master(admin, GROUP)).isEqualTo(masterAddr);

        assertThat(MqAdmin.run5(dir, "electMaster", "-a", controller, "-c", "DefaultCluster", "-bn", GROUP,
                "-b", String.valueOf(slaveId))).contains("#BrokerMasterAddr\t" + slaveAddr, "#MasterEpoch\t2");
        await().atMost(Duration.ofSeconds(20)).until(() -> slaveAddr.equals(master(admin, GROUP)));
        assertThat(MqAdmin.run5(dir, "getSyncStateSet", "-a", controller, "-b", GROUP))
                .contains("#MasterBrokerId\t" + slaveId, "#MasterAddr\t" + slaveAddr, "#MasterEpoch\t2");
        JsonNode after = consoleView(console).path("groups").get(0);
        assertThat(after.path("masterAddress").asText()).isEqualTo(slaveAddr);
        assertThat(after.path("masterEpoch").asInt()).isEqualTo(2);

        String conf = MqAdmin.run5(dir, "getControllerConfig", "-a", controller);
        System.out.println("getControllerConfig:\n" + conf);
        assertThat(conf).contains("controllerDLegerGroup", "group1", "enableElectUncleanMaster");
        String update = MqAdmin.run5(dir, "updateControllerConfig", "-a", controller, "-k",
                "enableElectUncleanMaster", "-v", "true");
        System.out.println("updateControllerConfig:\n" + update);
        assertThat(update).contains("do not change at runtime");
        assertThat(MqAdmin.run5(dir, "getControllerConfig", "-a", controller))
                .doesNotContainPattern("enableElectUncleanMaster\\s*=\\s*true");

        // the old master, a slave now, retires: the controllers forget it only once it is gone
        long oldId = g.masterBrokerId;
        String refused = MqAdmin.run5(dir, "cleanBrokerMetadata", "-a", controller, "-c", "DefaultCluster", "-n",
                namesrv, "-bn", GROUP, "-b",
                String.valueOf(oldId));
        assertThat(refused).contains("CODE: 2009", "alive");
        brokers.stream().filter(b -> b.address().equals(masterAddr)).findFirst().orElseThrow().stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.group(GROUP).notInSyncReplicas.stream()
                .anyMatch(r -> r.brokerId == oldId && !Boolean.TRUE.equals(r.alive))
                || queries.group(GROUP).inSyncReplicas.stream()
                .anyMatch(r -> r.brokerId == oldId && !Boolean.TRUE.equals(r.alive)));
        String cleaned = MqAdmin.run5(dir, "cleanBrokerMetadata", "-a", controller, "-c", "DefaultCluster", "-n",
                namesrv, "-bn", GROUP, "-b",
                String.valueOf(oldId));
        System.out.println("cleanBrokerMetadata:\n" + cleaned);
        BrokerReplicasInfo.ReplicasInfo left = queries.group(GROUP);
        assertThat(left.inSyncReplicas).extracting(r -> r.brokerId).containsExactly(slaveId);
        assertThat(left.notInSyncReplicas).isEmpty();
        assertThat(left.masterBrokerId).isEqualTo(slaveId);
    }

    /** The failover section of the console's replication page as a headless browser renders it. */
    private String replicationPage(ConsoleServer console) {
        ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium"));
        try {
            browser.get("http://127.0.0.1:" + console.port() + "/#/replication");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                WebElement p = browser.findElement(By.id("page"));
                return "replication".equals(p.getAttribute("data-page"))
                        && "ready".equals(p.getAttribute("data-state"));
            });
            return browser.findElement(By.id("failover")).getText();
        } finally {
            browser.quit();
        }
    }

    /** What the console's replication page reads about failover (GET /api/controllers). */
    private static JsonNode consoleView(ConsoleServer console) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + console.port() + "/api/controllers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }
}
