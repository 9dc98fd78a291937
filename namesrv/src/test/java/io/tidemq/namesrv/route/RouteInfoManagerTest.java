package io.tidemq.namesrv.route;

import io.tidemq.common.DataVersion;
import io.tidemq.common.protocol.body.ClusterInfo;
import io.tidemq.common.protocol.body.TopicConfigSerializeWrapper;
import io.tidemq.common.protocol.route.QueueData;
import io.tidemq.common.protocol.route.TopicRouteData;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.testing.FakeChannel;
import io.tidemq.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteInfoManagerTest {
    private static final String CLUSTER = "DefaultCluster";
    private static final String MASTER_A = "127.0.0.1:10911";
    private static final String SLAVE_A = "127.0.0.1:11011";
    private static final String MASTER_B = "127.0.0.1:10921";

    private final MutableClock clock = new MutableClock(1_000_000);
    private final RouteInfoManager routes = new RouteInfoManager(clock, 120_000);

    private static TopicConfigSerializeWrapper topics(long counter, TopicConfig... configs) {
        TopicConfigSerializeWrapper w = new TopicConfigSerializeWrapper();
        w.dataVersion = new DataVersion(5000, counter);
        for (TopicConfig tc : configs) {
            w.topicConfigTable.put(tc.topicName, tc);
        }
        return w;
    }

    private static TopicConfig topic(String name, int queues, int perm) {
        return new TopicConfig(name, queues, queues, perm);
    }

    private RegisterBrokerResult register(String name, String addr, long id, FakeChannel ch,
                                          TopicConfigSerializeWrapper w) {
        return routes.registerBroker(new BrokerIdentity(CLUSTER, name, addr, id), addr.replace(":109", ":119"), w,
                List.of(), ch);
    }

    @Test
    void aMasterOfAnOlderEpochIsRefusedAndTheRouteKeepsTheNewerOne() {
        TopicConfigSerializeWrapper w = topics(1, topic("TopicA", 4, 6));
        BrokerIdentity a = new BrokerIdentity(CLUSTER, "broker-a", MASTER_A, 0);
        BrokerIdentity b = new BrokerIdentity(CLUSTER, "broker-a", SLAVE_A, 0);
        assertThat(routes.registerBroker(a, null, w, List.of(), new FakeChannel("127.0.0.1:50001"), 3)).isNotNull();
        assertThat(routes.registerBroker(b, null, w, List.of(), new FakeChannel("127.0.0.1:50002"), 4)).isNotNull();
        // the deposed master wakes up and registers as master of epoch 3 again
        assertThat(routes.registerBroker(a, null, w, List.of(), new FakeChannel("127.0.0.1:50001"), 3)).isNull();
        assertThat(routes.clusterInfo().brokerAddrTable.get("broker-a").brokerAddrs)
                .containsExactly(Map.entry(0L, SLAVE_A));
        // a 4.9 broker (no epoch) registers as before
        assertThat(routes.registerBroker(a, null, w, List.of(), new FakeChannel("127.0.0.1:50001"), null))
                .isNotNull();
    }

    @Test
    void masterRegistrationCreatesClusterBrokerAndQueues() {
        RegisterBrokerResult r = register("broker-a", MASTER_A, 0, new FakeChannel("127.0.0.1:50001"),
                topics(1, topic("TopicA", 4, 6), topic("TBW102", 8, 7)));

        assertThat(r.masterAddr()).isNull();
        assertThat(r.haServerAddr()).isNull();
        ClusterInfo info = routes.clusterInfo();
        assertThat(info.clusterAddrTable).containsOnlyKeys(CLUSTER);
        assertThat(info.clusterAddrTable.get(CLUSTER)).containsExactly("broker-a");
        assertThat(info.brokerAddrTable.get("broker-a").brokerAddrs).containsExactly(Map.entry(0L, MASTER_A));

        TopicRouteData route = routes.pickupTopicRouteData("TopicA");
        assertThat(route.queueDatas).containsExactly(new QueueData("broker-a", 4, 4, 6, 0));
        assertThat(route.brokerDatas).hasSize(1);
        assertThat(route.brokerDatas.get(0).cluster).isEqualTo(CLUSTER);
        assertThat(route.brokerDatas.get(0).brokerAddrs).containsExactly(Map.entry(0L, MASTER_A));
        assertThat(route.filterServerTable).isEmpty();
        assertThat(routes.pickupTopicRouteData("Unknown")).isNull();
        assertThat(routes.allTopics().topicList).containsExactly("TBW102", "TopicA");
    }

    @Test
    void slaveLearnsItsLiveMasterAndItsTopicsAreIgnored() {
        register("broker-a", MASTER_A, 0, new FakeChannel("127.0.0.1:50001"), topics(1, topic("TopicA", 4, 6)));
        RegisterBrokerResult r = register("broker-a", SLAVE_A, 1, new FakeChannel("127.0.0.1:50002"),
                topics(9, topic("TopicA", 4, 6), topic("OnlyOnSlave", 2, 6)));

        assertThat(r.masterAddr()).isEqualTo(MASTER_A);
        assertThat(r.haServerAddr()).isEqualTo("127.0.0.1:11911");
        assertThat(routes.pickupTopicRouteData("OnlyOnSlave")).isNull();
        assertThat(routes.pickupTopicRouteData("TopicA").brokerDatas.get(0).brokerAddrs)
                .containsOnly(Map.entry(0L, MASTER_A), Map.entry(1L, SLAVE_A));
    }

    @Test
    void slaveWithoutLiveMasterGetsNoMasterAddress() {
        RegisterBrokerResult r = register("broker-a", SLAVE_A, 1, new FakeChannel("127.0.0.1:50002"), topics(1));
        assertThat(r).isEqualTo(new RegisterBrokerResult(null, null));
    }

    @Test
    void queuesAreRewrittenOnlyWhenTheDataVersionChanges() {
        FakeChannel ch = new FakeChannel("127.0.0.1:50001");
        register("broker-a", MASTER_A, 0, ch, topics(1, topic("TopicA", 4, 6)));
        assertThat(routes.wipeWritePermOfBroker("broker-a")).isEqualTo(1);

        // same version: the NameServer keeps its (wiped) view
        register("broker-a", MASTER_A, 0, ch, topics(1, topic("TopicA", 4, 6)));
        assertThat(routes.pickupTopicRouteData("TopicA").queueDatas.get(0).perm).isEqualTo(4);

        // new version: the broker's view wins, and the changed entry replaces the old one
        register("broker-a", MASTER_A, 0, ch, topics(2, topic("TopicA", 8, 6)));
        assertThat(routes.pickupTopicRouteData("TopicA").queueDatas)
                .containsExactly(new QueueData("broker-a", 8, 8, 6, 0));
    }

    @Test
    void topicsMissingFromABodyAreKept() {
        FakeChannel ch = new FakeChannel("127.0.0.1:50001");
        register("broker-a", MASTER_A, 0, ch, topics(1, topic("TopicA", 4, 6), topic("TopicB", 4, 6)));
        register("broker-a", MASTER_A, 0, ch, topics(2, topic("TopicA", 4, 6)));
        assertThat(routes.allTopics().topicList).containsExactly("TopicA", "TopicB");
    }

    @Test
    void promotedSlaveAddressMovesToIdZero() {
        register("broker-a", MASTER_A, 0, new FakeChannel("127.0.0.1:50001"), topics(1, topic("TopicA", 4, 6)));
        register("broker-a", SLAVE_A, 1, new FakeChannel("127.0.0.1:50002"), topics(1));
        routes.unregisterBroker(new BrokerIdentity(CLUSTER, "broker-a", MASTER_A, 0));

        register("broker-a", SLAVE_A, 0, new FakeChannel("127.0.0.1:50003"), topics(3, topic("TopicA", 4, 6)));
        assertThat(routes.clusterInfo().brokerAddrTable.get("broker-a").brokerAddrs)
                .containsExactly(Map.entry(0L, SLAVE_A));
    }

    @Test
    void unregisteringTheMasterKeepsSlaveAndQueuesUntilTheLastAddressGoes() {
        register("broker-a", MASTER_A, 0, new FakeChannel("127.0.0.1:50001"), topics(1, topic("TopicA", 4, 6)));
        register("broker-a", SLAVE_A, 1, new FakeChannel("127.0.0.1:50002"), topics(1));

        routes.unregisterBroker(new BrokerIdentity(CLUSTER, "broker-a", MASTER_A, 0));
        TopicRouteData route = routes.pickupTopicRouteData("TopicA");
        assertThat(route.brokerDatas.get(0).brokerAddrs).containsExactly(Map.entry(1L, SLAVE_A));
        assertThat(routes.liveBrokerAddrs()).containsExactly(SLAVE_A);

        routes.unregisterBroker(new BrokerIdentity(CLUSTER, "broker-a", SLAVE_A, 1));
        assertThat(routes.pickupTopicRouteData("TopicA")).isNull();
        assertThat(routes.clusterInfo().clusterAddrTable).isEmpty();
        assertThat(routes.clusterInfo().brokerAddrTable).isEmpty();
        assertThat(routes.allTopics().topicList).isEmpty();
    }

    @Test
    void silentBrokersExpireAfterTheExpiryTimeAndTheirConnectionIsClosed() {
        FakeChannel chA = new FakeChannel("127.0.0.1:50001");
        FakeChannel chB = new FakeChannel("127.0.0.1:50002");
        register("broker-a", MASTER_A, 0, chA, topics(1, topic("TopicA", 4, 6)));
        register("broker-b", MASTER_B, 0, chB, topics(1, topic("TopicA", 4, 6)));

        clock.advance(Duration.ofSeconds(60));
        register("broker-b", MASTER_B, 0, chB, topics(1, topic("TopicA", 4, 6))); // b stays alive
        clock.advance(Duration.ofSeconds(60));
        assertThat(routes.scanNotActiveBrokers()).isEmpty(); // exactly 120 s is not "older than"

        clock.advance(Duration.ofMillis(1));
        assertThat(routes.scanNotActiveBrokers()).containsExactly(MASTER_A);
        assertThat(chA.closed).isTrue();
        assertThat(chB.closed).isFalse();
        TopicRouteData route = routes.pickupTopicRouteData("TopicA");
        assertThat(route.queueDatas).extracting(q -> q.brokerName).containsExactly("broker-b");
        assertThat(routes.clusterInfo().clusterAddrTable.get(CLUSTER)).containsExactly("broker-b");

        clock.advance(Duration.ofSeconds(61));
        assertThat(routes.scanNotActiveBrokers()).containsExactly(MASTER_B);
        assertThat(routes.pickupTopicRouteData("TopicA")).isNull();
    }

    @Test
    void unchangedDataVersionQueryCountsAsSignOfLife() {
        FakeChannel ch = new FakeChannel("127.0.0.1:50001");
        register("broker-a", MASTER_A, 0, ch, topics(1, topic("TopicA", 4, 6)));
        clock.advance(Duration.ofSeconds(100));

        DataVersionCheck same = routes.checkDataVersion(MASTER_A, new DataVersion(5000, 1));
        assertThat(same.changed()).isFalse();
        assertThat(same.stored()).isEqualTo(new DataVersion(5000, 1));
        assertThat(routes.lastUpdateTimestamp(MASTER_A)).isEqualTo(clock.millis());

        clock.advance(Duration.ofSeconds(100));
        DataVersionCheck changed = routes.checkDataVersion(MASTER_A, new DataVersion(6000, 2));
        assertThat(changed.changed()).isTrue();
        assertThat(routes.lastUpdateTimestamp(MASTER_A)).isEqualTo(clock.millis() - 100_000);
        assertThat(routes.checkDataVersion("127.0.0.9:1", new DataVersion(1, 1)))
                .isEqualTo(new DataVersionCheck(true, null));
    }

    @Test
    void closedConnectionRemovesTheBrokerAtOnce() {
        FakeChannel chA = new FakeChannel("127.0.0.1:50001");
        register("broker-a", MASTER_A, 0, chA, topics(1, topic("TopicA", 4, 6)));
        register("broker-a", SLAVE_A, 1, new FakeChannel("127.0.0.1:50002"), topics(1));

        routes.onChannelDestroy(chA.remoteAddress(), chA);
        assertThat(routes.pickupTopicRouteData("TopicA").brokerDatas.get(0).brokerAddrs)
                .containsExactly(Map.entry(1L, SLAVE_A));
        assertThat(routes.liveBrokerAddrs()).containsExactly(SLAVE_A);
    }

    @Test
    void closedConnectionOfAClientChangesNothing() {
        register("broker-a", MASTER_A, 0, new FakeChannel("127.0.0.1:50001"), topics(1, topic("TopicA", 4, 6)));
        FakeChannel client = new FakeChannel("127.0.0.1:60000");
        routes.onChannelDestroy(client.remoteAddress(), client);
        assertThat(routes.liveBrokerAddrs()).containsExactly(MASTER_A);
        assertThat(routes.pickupTopicRouteData("TopicA")).isNotNull();
    }

    @Test
    void writePermissionCanBeWipedAndRestored() {
        register("broker-a", MASTER_A, 0, new FakeChannel("127.0.0.1:50001"),
                topics(1, topic("TopicA", 4, 6), topic("TopicB", 4, 2), topic("TBW102", 8, 7)));
        register("broker-b", MASTER_B, 0, new FakeChannel("127.0.0.1:50002"), topics(1, topic("TopicA", 4, 6)));

        assertThat(routes.wipeWritePermOfBroker("broker-a")).isEqualTo(3);
        assertThat(permOf("TopicA", "broker-a")).isEqualTo(4);
        assertThat(permOf("TopicB", "broker-a")).isEqualTo(0);
        assertThat(permOf("TBW102", "broker-a")).isEqualTo(5);
        assertThat(permOf("TopicA", "broker-b")).isEqualTo(6);

        assertThat(routes.addWritePermOfBroker("broker-a")).isEqualTo(3);
        assertThat(permOf("TopicA", "broker-a")).isEqualTo(6);
        assertThat(permOf("TBW102", "broker-a")).isEqualTo(6);
        assertThat(routes.wipeWritePermOfBroker("nobody")).isZero();
    }

    private int permOf(String topic, String broker) {
        return routes.pickupTopicRouteData(topic).queueDatas.stream().filter(q -> q.brokerName.equals(broker))
                .findFirst().orElseThrow().perm;
    }

    @Test
    void topicListsByClusterSystemAndUnitFlags() {
        TopicConfig unit = topic("UnitTopic", 1, 6);
        unit.topicSysFlag = 1;
        TopicConfig unitSub = topic("UnitSubTopic", 1, 6);
        unitSub.topicSysFlag = 2;
        TopicConfig both = topic("BothTopic", 1, 6);
        both.topicSysFlag = 3;
        register("broker-a", MASTER_A, 0, new FakeChannel("127.0.0.1:50001"),
                topics(1, topic("TopicA", 4, 6), unit, unitSub, both));
        routes.registerBroker(new BrokerIdentity("OtherCluster", "broker-x", "127.0.0.1:10931", 0), null,
                topics(1, topic("TopicX", 1, 6)), List.of(), new FakeChannel("127.0.0.1:50009"));

        assertThat(routes.topicsByCluster(CLUSTER).topicList)
                .containsExactly("BothTopic", "TopicA", "UnitSubTopic", "UnitTopic");
        assertThat(routes.topicsByCluster("OtherCluster").topicList).containsExactly("TopicX");
        assertThat(routes.topicsByCluster("NoSuchCluster").topicList).isEmpty();
        assertThat(routes.unitTopics().topicList).containsExactly("BothTopic", "UnitTopic");
        assertThat(routes.hasUnitSubTopics().topicList).containsExactly("BothTopic", "UnitSubTopic");
        assertThat(routes.hasUnitSubUnUnitTopics().topicList).containsExactly("UnitSubTopic");

        var system = routes.systemTopics();
        assertThat(system.topicList).containsExactly(CLUSTER, "OtherCluster", "broker-a", "broker-x");
        assertThat(system.brokerAddr).isIn(MASTER_A, "127.0.0.1:10931");
    }

    @Test
    void deletedTopicDisappearsUntilTheBrokerChangesIt() {
        FakeChannel ch = new FakeChannel("127.0.0.1:50001");
        register("broker-a", MASTER_A, 0, ch, topics(1, topic("TopicA", 4, 6)));
        routes.deleteTopic("TopicA");
        assertThat(routes.pickupTopicRouteData("TopicA")).isNull();
        register("broker-a", MASTER_A, 0, ch, topics(1, topic("TopicA", 4, 6)));
        assertThat(routes.pickupTopicRouteData("TopicA")).isNull();
        register("broker-a", MASTER_A, 0, ch, topics(2, topic("TopicA", 4, 6)));
        assertThat(routes.pickupTopicRouteData("TopicA")).isNotNull();
    }

    @Test
    void filterServersAppearInRoutesAndAnEmptyListRemovesThem() {
        FakeChannel ch = new FakeChannel("127.0.0.1:50001");
        BrokerIdentity a = new BrokerIdentity(CLUSTER, "broker-a", MASTER_A, 0);
        routes.registerBroker(a, null, topics(1, topic("TopicA", 4, 6)), List.of("127.0.0.1:30000"), ch);
        assertThat(routes.pickupTopicRouteData("TopicA").filterServerTable)
                .containsExactly(Map.entry(MASTER_A, List.of("127.0.0.1:30000")));
        routes.registerBroker(a, null, topics(1, topic("TopicA", 4, 6)), List.of(), ch);
        assertThat(routes.pickupTopicRouteData("TopicA").filterServerTable).isEmpty();
    }
}
