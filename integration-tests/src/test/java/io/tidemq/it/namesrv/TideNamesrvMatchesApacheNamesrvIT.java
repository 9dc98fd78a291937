package io.tidemq.it.namesrv;

import io.tidemq.it.support.ApacheBroker;
import io.tidemq.it.support.ApacheNamesrv;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Side by side: a real Apache 4.9.3 master and slave register with BOTH our NameServer and a real Apache 4.9.3
 * NameServer; the official admin asks both the same questions and must get the same answers (routes, cluster,
 * topic lists, KV config, error codes and remarks).
 */
class TideNamesrvMatchesApacheNamesrvIT {
    private static final String TOPIC = "ParityTopic";

    @TempDir
    static Path dir;
    static TideNamesrv tide;
    static ApacheNamesrv apache;
    static ApacheBroker master;
    static ApacheBroker slave;
    static DefaultMQAdminExt tideAdmin;
    static DefaultMQAdminExt apacheAdmin;

    @BeforeAll
    static void start() throws Exception {
        tide = new TideNamesrv(dir.resolve("tide-ns"));
        apache = ApacheNamesrv.start(dir.resolve("apache-ns"));
        String both = tide.address() + ";" + apache.address();
        master = ApacheBroker.start(dir.resolve("master"), both, Map.of("brokerName", "broker-a"));
        slave = ApacheBroker.start(dir.resolve("slave"), both,
                Map.of("brokerName", "broker-a", "brokerId", "1", "brokerRole", "SLAVE"));
        tideAdmin = Clients.admin(tide.address());
        tideAdmin.start();
        apacheAdmin = Clients.admin(apache.address());
        apacheAdmin.start();
        tideAdmin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, 4, 4, 6));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{() -> tideAdmin.shutdown(), () -> apacheAdmin.shutdown(), slave,
                master, apache, tide}) {
            try {
                c.close();
            } catch (Exception | Error ignored) {
                // keep stopping the rest
            }
        }
    }

    @Test
    void routesAndClusterAreTheSame() throws Exception {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            TopicRouteData ours = tideAdmin.examineTopicRouteInfo(TOPIC);
            assertThat(ours.getBrokerDatas().get(0).getBrokerAddrs()).hasSize(2);
            assertThat(ours).isEqualTo(apacheAdmin.examineTopicRouteInfo(TOPIC));
        });
        assertThat(tideAdmin.examineTopicRouteInfo("TBW102")).isEqualTo(apacheAdmin.examineTopicRouteInfo("TBW102"));

        ClusterInfo ours = tideAdmin.examineBrokerClusterInfo();
        ClusterInfo theirs = apacheAdmin.examineBrokerClusterInfo();
        assertThat(ours.getBrokerAddrTable()).isEqualTo(theirs.getBrokerAddrTable());
        assertThat(ours.getClusterAddrTable()).isEqualTo(theirs.getClusterAddrTable());
        assertThat(ours.getBrokerAddrTable().get("broker-a").getBrokerAddrs())
                .containsOnly(Map.entry(0L, master.address()), Map.entry(1L, slave.address()));

        assertThat(tideAdmin.fetchAllTopicList().getTopicList())
                .isEqualTo(apacheAdmin.fetchAllTopicList().getTopicList());
        assertThat(tideAdmin.fetchTopicsByCLuster("DefaultCluster").getTopicList())
                .isEqualTo(apacheAdmin.fetchTopicsByCLuster("DefaultCluster").getTopicList());
    }

    @Test
    void errorsCarryTheSameCodesAndRemarks() {
        assertSameFailure(() -> tideAdmin.examineTopicRouteInfo("NoSuchTopic"),
                () -> apacheAdmin.examineTopicRouteInfo("NoSuchTopic"));
        assertSameFailure(() -> tideAdmin.getKVConfig("NS_PARITY", "missing"),
                () -> apacheAdmin.getKVConfig("NS_PARITY", "missing"));
        assertSameFailure(() -> tideAdmin.getKVListByNamespace("NS_PARITY_NONE"),
                () -> apacheAdmin.getKVListByNamespace("NS_PARITY_NONE"));
    }

    private static void assertSameFailure(Executable ours, Executable theirs) {
        MQClientException a = catchThrowableOfType(MQClientException.class, ours::execute);
        MQClientException b = catchThrowableOfType(MQClientException.class, theirs::execute);
        assertThat(a).as("our NameServer refuses").isNotNull();
        assertThat(b).as("Apache NameServer refuses").isNotNull();
        assertThat(a.getResponseCode()).isEqualTo(b.getResponseCode());
        assertThat(a.getErrorMessage()).isEqualTo(b.getErrorMessage());
    }

    @Test
    void kvConfigBehavesTheSame() throws Exception {
        for (DefaultMQAdminExt admin : List.of(tideAdmin, apacheAdmin)) {
            admin.createAndUpdateKvConfig("NS_PARITY", "k1", "v1");
            admin.createAndUpdateKvConfig("NS_PARITY", "k2", "v2");
            admin.deleteKvConfig("NS_PARITY", "k2");
        }
        assertThat(tideAdmin.getKVConfig("NS_PARITY", "k1")).isEqualTo(apacheAdmin.getKVConfig("NS_PARITY", "k1"));
        assertThat(tideAdmin.getKVListByNamespace("NS_PARITY").getTable())
                .isEqualTo(apacheAdmin.getKVListByNamespace("NS_PARITY").getTable())
                .containsExactly(Map.entry("k1", "v1"));
    }

    @Test
    void namesrvConfigHasEveryApacheKey() throws Exception {
        Properties ours = tideAdmin.getNameServerConfig(List.of(tide.address())).get(tide.address());
        Properties theirs = apacheAdmin.getNameServerConfig(List.of(apache.address())).get(apache.address());
        assertThat(ours.stringPropertyNames()).contains("rocketmqHome", "kvConfigPath", "configStorePath",
                "productEnvName", "clusterTest", "orderMessageEnable", "listenPort", "serverWorkerThreads",
                "serverChannelMaxIdleTimeSeconds");
        assertThat(ours.getProperty("productEnvName")).isEqualTo(theirs.getProperty("productEnvName"));
        assertThat(ours.getProperty("clusterTest")).isEqualTo(theirs.getProperty("clusterTest"));
        assertThat(ours.getProperty("orderMessageEnable")).isEqualTo(theirs.getProperty("orderMessageEnable"));
    }

    /** A deliberate difference: unknown codes are answered at once instead of being left to time out. */
    @Test
    void unknownRequestCodeIsAnsweredInsteadOfIgnored() throws Exception {
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        try {
            RemotingCommand ours = client.invokeSync(tide.address(), RemotingCommand.createRequestCommand(999, null),
                    3000);
            assertThat(ours.getCode()).isEqualTo(3);
            assertThat(ours.getRemark()).isEqualTo(" request type 999 not supported");
            assertThat(catchThrowableOfType(RemotingTimeoutException.class, () -> client.invokeSync(apache.address(),
                    RemotingCommand.createRequestCommand(999, null), 1000))).isNotNull();
        } finally {
            client.shutdown();
        }
    }
}
