package io.tidemq.it.tls;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.remoting.netty.TlsConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The official 4.9.3 client with {@code setUseTLS(true)} against our NameServer and broker in each of Apache's
 * server modes, the broker registering over TLS itself, and a server that requires client certificates.
 */
class TlsIT {
    @TempDir
    Path dir;

    /** Sends three messages with a producer of the given kind, then reads the topic with a TLS consumer. */
    private static List<String> roundTrip(String namesrv, boolean producerTls, String tag) throws Exception {
        DefaultMQProducer producer = Clients.producer("PG_TLS_" + tag, namesrv);
        producer.setUseTLS(producerTls);
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(producer.send(new Message("TlsTopic", (tag + "-" + i).getBytes(StandardCharsets.UTF_8)))
                        .getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }
        } finally {
            producer.shutdown();
        }
        return pullAll(namesrv);
    }

    private static List<String> pullAll(String namesrv) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("CG_TLS");
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("tls-pull-" + System.nanoTime());
        consumer.setUseTLS(true);
        consumer.start();
        try {
            List<String> bodies = new ArrayList<>();
            for (MessageQueue mq : consumer.fetchSubscribeMessageQueues("TlsTopic")) {
                PullResult r = consumer.pull(mq, "*", 0, 32);
                if (r.getPullStatus() == PullStatus.FOUND) {
                    for (MessageExt m : r.getMsgFoundList()) {
                        bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
                    }
                }
            }
            return bodies;
        } finally {
            consumer.shutdown();
        }
    }

    private static void createTopic(String namesrv, String broker, boolean tls) throws Exception {
        DefaultMQAdminExt admin = Clients.admin(namesrv);
        admin.setUseTLS(tls);
        admin.start();
        try {
            admin.createAndUpdateTopicConfig(broker, new TopicConfig("TlsTopic", 2, 2, 6));
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> admin.examineTopicRouteInfo("TlsTopic") != null);
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void enforcingServesTlsClientsOnlyAndTheBrokerRegistersOverTls() throws Exception {
        TlsConfig enforcing = TlsConfig.of(Map.of("tls.server.mode", "enforcing"));
        try (TideNamesrv ns = new TideNamesrv("127.0.0.1", dir.resolve("ns"), enforcing);
             TideBroker broker = new TideBroker("127.0.0.1", ns.address(), dir.resolve("store"),
                     Map.of("brokerName", "broker-tls", "useTLS", "true", "autoCreateTopicEnable", "false"),
                     enforcing)) {
            // the route exists only if the broker's own registration went through TLS
            createTopic(ns.address(), broker.address(), true);
            assertThat(roundTrip(ns.address(), true, "tls")).containsExactlyInAnyOrder("tls-0", "tls-1", "tls-2");
            assertThatThrownBy(() -> roundTrip(ns.address(), false, "plain")).isInstanceOf(Exception.class);
            assertThat(pullAll(ns.address())).hasSize(3);
        }
    }

    @Test
    void permissiveApachesDefaultServesPlainAndTlsClients() throws Exception {
        TlsConfig defaults = TlsConfig.of(Map.of());
        assertThat(defaults.mode()).isEqualTo(TlsConfig.Mode.PERMISSIVE);
        try (TideNamesrv ns = new TideNamesrv("127.0.0.1", dir.resolve("ns"), defaults);
             TideBroker broker = new TideBroker("127.0.0.1", ns.address(), dir.resolve("store"),
                     Map.of("brokerName", "broker-tls-p", "autoCreateTopicEnable", "false"), defaults)) {
            createTopic(ns.address(), broker.address(), false);
            roundTrip(ns.address(), false, "plain");
            assertThat(roundTrip(ns.address(), true, "tls")).containsExactlyInAnyOrder("plain-0", "plain-1",
                    "plain-2", "tls-0", "tls-1", "tls-2");
        }
    }

    @Test
    void requiredClientCertificatesTurnAwayAClientWithoutOne() throws Exception {
        SelfSignedCertificate serverCert = new SelfSignedCertificate("broker.test");
        SelfSignedCertificate clientCert = new SelfSignedCertificate("app.test");
        TlsConfig require = TlsConfig.of(Map.of("tls.server.mode", "enforcing", "tls.test.mode.enable", "false",
                "tls.server.certPath", serverCert.certificate().getPath(),
                "tls.server.keyPath", serverCert.privateKey().getPath(),
                "tls.server.need.client.auth", "require", "tls.server.authClient", "true",
                "tls.server.trustCertPath", clientCert.certificate().getPath(),
                "tls.client.certPath", clientCert.certificate().getPath(),
                "tls.client.keyPath", clientCert.privateKey().getPath()));
        try (TideNamesrv ns = new TideNamesrv("127.0.0.1", dir.resolve("ns"), require);
             TideBroker broker = new TideBroker("127.0.0.1", ns.address(), dir.resolve("store"),
                     Map.of("brokerName", "broker-tls-r", "useTLS", "true", "autoCreateTopicEnable", "false"),
                     require)) {
            // the official client in its default test mode presents no certificate
            DefaultMQAdminExt anonymous = Clients.admin(ns.address());
            anonymous.setUseTLS(true);
            anonymous.start();
            try {
                assertThatThrownBy(() -> anonymous.examineBrokerClusterInfo()).isInstanceOf(Exception.class);
            } finally {
                anonymous.shutdown();
            }
            // the same client configured as Apache's users do (-Dtls.test.mode.enable=false -Dtls.client.*)
            boolean testMode = TlsSystemConfig.tlsTestModeEnable;
            String cert = TlsSystemConfig.tlsClientCertPath;
            String key = TlsSystemConfig.tlsClientKeyPath;
            TlsSystemConfig.tlsTestModeEnable = false;
            TlsSystemConfig.tlsClientCertPath = clientCert.certificate().getPath();
            TlsSystemConfig.tlsClientKeyPath = clientCert.privateKey().getPath();
            try {
                createTopic(ns.address(), broker.address(), true);
                assertThat(roundTrip(ns.address(), true, "cert")).containsExactlyInAnyOrder("cert-0", "cert-1",
                        "cert-2");
            } finally {
                TlsSystemConfig.tlsTestModeEnable = testMode;
                TlsSystemConfig.tlsClientCertPath = cert;
                TlsSystemConfig.tlsClientKeyPath = key;
            }
        } finally {
            serverCert.delete();
            clientCert.delete();
        }
    }
}
