package io.tidemq.it.namesrv;

import io.tidemq.it.support.ApacheBroker;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.MessageRoundTrip;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two independent NameServers; a real Apache 4.9.3 broker registers with both ({@code namesrvAddr=a;b}). With one
 * NameServer stopped, new official clients given {@code "a;b"} still find routes through the other; a broker killed
 * without unregistering leaves the survivor's routes as soon as its connection drops.
 */
class TwoNamesrvFailoverIT {
    @TempDir
    static Path dir;
    static TideNamesrv nsA;
    static TideNamesrv nsB;
    static ApacheBroker broker;

    @BeforeAll
    static void start() {
        nsA = new TideNamesrv(dir.resolve("ns-a"));
        nsB = new TideNamesrv(dir.resolve("ns-b"));
        broker = ApacheBroker.start(dir.resolve("broker"), nsA.address() + ";" + nsB.address(),
                Map.of("brokerName", "broker-a"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (nsA != null) {
            nsA.close();
        }
        if (nsB != null) {
            nsB.close();
        }
    }

    @Test
    void clientsKeepWorkingThroughTheSurvivingNameServer() throws Exception {
        String both = nsA.address() + ";" + nsB.address();
        assertThat(nsA.controller().routeInfoManager().liveBrokerAddrs()).containsExactly(broker.address());
        assertThat(nsB.controller().routeInfoManager().liveBrokerAddrs()).containsExactly(broker.address());

        DefaultMQAdminExt admin = Clients.admin(both);
        admin.start();
        try {
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig("BeforeFailover", 4, 4, 6));
            awaitRoute(nsA.address(), "BeforeFailover");
            awaitRoute(nsB.address(), "BeforeFailover");
            assertThat(MessageRoundTrip.run(both, "BeforeFailover", 200, Duration.ofSeconds(60))).hasSize(200);

            nsA.close();

            // a topic created now is known only to the survivor; fresh clients must reach it through b
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig("AfterFailover", 4, 4, 6));
            awaitRoute(nsB.address(), "AfterFailover");
            assertThat(MessageRoundTrip.run(both, "AfterFailover", 200, Duration.ofSeconds(60))).hasSize(200);
            assertThat(MessageRoundTrip.run(both, "BeforeFailover", 200, Duration.ofSeconds(60))).hasSize(200);
        } finally {
            admin.shutdown();
        }

        // SIGKILL: no UNREGISTER_BROKER; the closed connection alone must remove the broker, long before
        // the 120 s expiry
        broker.kill();
        DefaultMQAdminExt adminB = Clients.admin(nsB.address());
        adminB.start();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(
                    () -> adminB.examineTopicRouteInfo("AfterFailover"))
                    .isInstanceOfSatisfying(MQClientException.class,
                            e -> assertThat(e.getResponseCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST)));
            assertThat(adminB.examineBrokerClusterInfo().getBrokerAddrTable()).isEmpty();
        } finally {
            adminB.shutdown();
        }
    }

    private static void awaitRoute(String namesrvAddr, String topic) throws MQClientException {
        DefaultMQAdminExt admin = Clients.admin(namesrvAddr);
        admin.start();
        try {
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> admin.examineTopicRouteInfo(topic).getQueueDatas().size() == 1);
        } finally {
            admin.shutdown();
        }
    }
}
