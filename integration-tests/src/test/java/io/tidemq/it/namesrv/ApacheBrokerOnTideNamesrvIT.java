package io.tidemq.it.namesrv;

import io.tidemq.it.support.ApacheBroker;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.MessageRoundTrip;
import io.tidemq.it.support.QueueOffsets;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.body.KVTable;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Our NameServer with a REAL Apache RocketMQ 4.9.3 broker registered to it, driven by the official 4.9.3 admin,
 * producer and push consumer. The tests run in order: the last one stops the broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApacheBrokerOnTideNamesrvIT {
    private static final String TOPIC = "TideNsTopic";

    @TempDir
    static Path dir;
    static TideNamesrv namesrv;
    static ApacheBroker broker;
    static DefaultMQAdminExt admin;

    @BeforeAll
    static void start() throws Exception {
        namesrv = new TideNamesrv(dir.resolve("ns"));
        broker = ApacheBroker.start(dir.resolve("broker"), namesrv.address(), Map.of("brokerName", "broker-a"));
        admin = Clients.admin(namesrv.address());
        admin.start();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    @Order(1)
    void adminSeesTheApacheBrokerInTheCluster() throws Exception {
        ClusterInfo info = admin.examineBrokerClusterInfo();

        assertThat(info.getClusterAddrTable()).containsOnlyKeys("DefaultCluster");
        assertThat(info.getClusterAddrTable().get("DefaultCluster")).containsExactly("broker-a");
        BrokerData bd = info.getBrokerAddrTable().get("broker-a");
        assertThat(bd.getCluster()).isEqualTo("DefaultCluster");
        assertThat(bd.getBrokerAddrs()).containsExactly(Map.entry(0L, broker.address()));

        // the broker's own default topic arrived with its registration body
        TopicRouteData tbw = admin.examineTopicRouteInfo("TBW102");
        assertThat(tbw.getQueueDatas()).singleElement().satisfies(q -> {
            assertThat(q.getBrokerName()).isEqualTo("broker-a");
            assertThat(q.getPerm()).isEqualTo(7);
            assertThat(q.getWriteQueueNums()).isEqualTo(8);
        });
        assertThat(admin.getTopicClusterList("TBW102")).containsExactly("DefaultCluster");
    }

    @Test
    @Order(2)
    void topicCreatedThroughAdminGetsARoute() throws Exception {
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));

        TopicRouteData route = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.examineTopicRouteInfo(TOPIC), r -> r != null);
        assertThat(route.getQueueDatas()).hasSize(1);
        QueueData q = route.getQueueDatas().get(0);
        assertThat(q.getBrokerName()).isEqualTo("broker-a");
        assertThat(q.getReadQueueNums()).isEqualTo(4);
        assertThat(q.getWriteQueueNums()).isEqualTo(4);
        assertThat(q.getPerm()).isEqualTo(6);
        assertThat(route.getBrokerDatas()).singleElement()
                .satisfies(b -> assertThat(b.getBrokerAddrs()).containsExactly(Map.entry(0L, broker.address())));
        assertThat(admin.fetchAllTopicList().getTopicList()).contains(TOPIC, "TBW102");
        assertThat(admin.fetchTopicsByCLuster("DefaultCluster").getTopicList()).contains(TOPIC);
    }

    @Test
    @Order(3)
    void officialProducerAndPushConsumerExchange1000Messages() throws Exception {
        assertThat(MessageRoundTrip.run(namesrv.address(), TOPIC, 1000, Duration.ofSeconds(90))).hasSize(1000);
    }

    @Test
    @Order(4)
    void unknownTopicIsTopicNotExist() {
        assertThatThrownBy(() -> admin.examineTopicRouteInfo("NoSuchTopic"))
                .isInstanceOfSatisfying(MQClientException.class, e -> {
                    assertThat(e.getResponseCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
                    assertThat(e.getErrorMessage()).startsWith(
                            "No topic route info in name server for the topic: NoSuchTopic");
                });
    }

    @Test
    @Order(5)
    void kvConfigThroughAdmin() throws Exception {
        admin.createAndUpdateKvConfig("ORDER_TOPIC_CONFIG", TOPIC, "broker-a:4");
        assertThat(admin.getKVConfig("ORDER_TOPIC_CONFIG", TOPIC)).isEqualTo("broker-a:4");
        KVTable table = admin.getKVListByNamespace("ORDER_TOPIC_CONFIG");
        assertThat(table.getTable()).containsExactly(Map.entry(TOPIC, "broker-a:4"));

        admin.deleteKvConfig("ORDER_TOPIC_CONFIG", TOPIC);
        assertThatThrownBy(() -> admin.getKVConfig("ORDER_TOPIC_CONFIG", TOPIC))
                .hasMessageContaining("No config item, Namespace: ORDER_TOPIC_CONFIG Key: " + TOPIC);
    }

    @Test
    @Order(6)
    void namesrvConfigThroughAdmin() throws Exception {
        List<String> servers = List.of(namesrv.address());
        Properties before = admin.getNameServerConfig(servers).get(namesrv.address());
        assertThat(before.getProperty("orderMessageEnable")).isEqualTo("false");
        assertThat(before.getProperty("listenPort")).isEqualTo(namesrv.address().split(":")[1]);

        Properties change = new Properties();
        change.setProperty("orderMessageEnable", "true");
        admin.updateNameServerConfig(change, servers);
        assertThat(admin.getNameServerConfig(servers).get(namesrv.address()).getProperty("orderMessageEnable"))
                .isEqualTo("true");

        Properties bad = new Properties();
        bad.setProperty("noSuchKey", "1");
        assertThatThrownBy(() -> admin.updateNameServerConfig(bad, servers)).hasMessageContaining("noSuchKey");

        change.setProperty("orderMessageEnable", "false");
        admin.updateNameServerConfig(change, servers);
    }

    @Test
    @Order(7)
    void writePermissionCanBeWipedAndRestoredThroughAdmin() throws Exception {
        int wiped = admin.wipeWritePermOfBroker(namesrv.address(), "broker-a");
        assertThat(wiped).isGreaterThanOrEqualTo(2); // TBW102, our topic and the broker's system topics
        assertThat(admin.examineTopicRouteInfo(TOPIC).getQueueDatas().get(0).getPerm()).isEqualTo(4);

        int added = admin.addWritePermOfBroker(namesrv.address(), "broker-a");
        assertThat(added).isEqualTo(wiped);
        assertThat(admin.examineTopicRouteInfo(TOPIC).getQueueDatas().get(0).getPerm()).isEqualTo(6);
    }

    @Test
    @Order(8)
    void deletedTopicLeavesTheNameServer() throws Exception {
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig("ToDelete", 1, 1, 6));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.examineTopicRouteInfo("ToDelete") != null);

        admin.deleteTopicInNameServer(Set.of(namesrv.address()), "ToDelete");

        assertThatThrownBy(() -> admin.examineTopicRouteInfo("ToDelete"))
                .isInstanceOfSatisfying(MQClientException.class,
                        e -> assertThat(e.getResponseCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST));
    }

    @Test
    @Order(9)
    void slaveLearnsItsMasterFromUsAndReplicatesFromIt() throws Exception {
        try (ApacheBroker slave = ApacheBroker.start(dir.resolve("slave"), namesrv.address(),
                Map.of("brokerName", "broker-a", "brokerId", "1", "brokerRole", "SLAVE"))) {
            assertThat(admin.examineTopicRouteInfo(TOPIC).getBrokerDatas().get(0).getBrokerAddrs())
                    .containsOnly(Map.entry(0L, broker.address()), Map.entry(1L, slave.address()));

            // the slave only knows where to replicate from because our REGISTER_BROKER answer told it
            long masterMessages = messagesIn(broker.address());
            assertThat(masterMessages).isGreaterThanOrEqualTo(1000);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(messagesIn(slave.address())).isEqualTo(masterMessages));

            slave.stop();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(admin.examineTopicRouteInfo(TOPIC).getBrokerDatas().get(0).getBrokerAddrs())
                            .containsExactly(Map.entry(0L, broker.address())));
        }
    }

    /** Sum of the consume-queue max offsets of {@link #TOPIC} on one broker, asked with GET_MAX_OFFSET. */
    private static long messagesIn(String brokerAddr) throws Exception {
        long sum = 0;
        for (int queue = 0; queue < 4; queue++) {
            sum += QueueOffsets.maxOffset(brokerAddr, TOPIC, queue);
        }
        return sum;
    }

    @Test
    @Order(10)
    void stoppedBrokerDisappearsFromRoutesAndCluster() throws Exception {
        broker.stop();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatThrownBy(
                () -> admin.examineTopicRouteInfo(TOPIC)).isInstanceOfSatisfying(MQClientException.class,
                e -> assertThat(e.getResponseCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST)));
        ClusterInfo info = admin.examineBrokerClusterInfo();
        assertThat(info.getBrokerAddrTable()).isEmpty();
        assertThat(info.getClusterAddrTable()).isEmpty();
        assertThat(namesrv.controller().routeInfoManager().liveBrokerAddrs()).isEmpty();
    }
}
