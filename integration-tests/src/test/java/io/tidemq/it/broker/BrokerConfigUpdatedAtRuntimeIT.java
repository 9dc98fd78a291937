package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.MqAdmin;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code mqadmin updateBrokerConfig} (UPDATE_BROKER_CONFIG) on a running broker started with {@code -c}: live keys
 * take effect at once and land in the file, restart-only keys are refused, and a refused update changes nothing.
 */
class BrokerConfigUpdatedAtRuntimeIT {
    @TempDir
    Path dir;

    @Test
    void liveKeysApplyAndPersistAndOthersAreRefused() throws Exception {
        try (TideNamesrv namesrv = new TideNamesrv("127.0.0.1", dir.resolve("ns"));
             TideBrokerProcess broker = new TideBrokerProcess("127.0.0.1", namesrv.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-upd", "autoCreateTopicEnable", "true")).start()) {
            Path file = dir.resolve("b/broker.properties");
            String original = Files.readString(file);
            DefaultMQAdminExt admin = Clients.admin(namesrv.address());
            DefaultMQProducer producer = Clients.producer("PG_UPDATE", namesrv.address());
            admin.start();
            producer.start();
            try {
                assertThat(producer.send(new Message("UpdTopic", "before".getBytes(StandardCharsets.UTF_8)))
                        .getSendStatus()).isEqualTo(SendStatus.SEND_OK);

                // the official command line, as an operator types it
                String out = MqAdmin.run(dir, "updateBrokerConfig", "-b", broker.address(), "-k",
                        "brokerPermission", "-v", "4", "-n", namesrv.address());
                assertThat(out).contains("update broker config success");
                assertThat(admin.getBrokerConfig(broker.address()).getProperty("brokerPermission")).isEqualTo("4");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    TopicRouteData route = admin.examineTopicRouteInfo("UpdTopic");
                    assertThat(route.getQueueDatas()).allMatch(q -> q.getPerm() == 4);
                });
                long stored = stored(admin);
                assertThatThrownBy(() -> producer.send(new Message("UpdTopic",
                        "refused".getBytes(StandardCharsets.UTF_8)))).isInstanceOf(Exception.class);
                assertThat(stored(admin)).isEqualTo(stored);
                assertThat(Files.readString(file)).isEqualTo(original + "brokerPermission=4\n");

                Properties restartOnly = new Properties();
                restartOnly.setProperty("brokerPermission", "6");
                restartOnly.setProperty("listenPort", "1234");
                assertThatThrownBy(() -> admin.updateBrokerConfig(broker.address(), restartOnly))
                        .isInstanceOf(MQBrokerException.class)
                        .hasMessageContaining("'listenPort' cannot change while the broker runs");
                assertThat(admin.getBrokerConfig(broker.address()).getProperty("brokerPermission")).isEqualTo("4");
                assertThat(Files.readString(file)).isEqualTo(original + "brokerPermission=4\n");

                Properties typo = new Properties();
                typo.setProperty("fileReservedTme", "24");
                assertThatThrownBy(() -> admin.updateBrokerConfig(broker.address(), typo))
                        .hasMessageContaining("did you mean fileReservedTime?");

                Properties back = new Properties();
                back.setProperty("brokerPermission", "6");
                back.setProperty("fileReservedTime", "24");
                admin.updateBrokerConfig(broker.address(), back);
                assertThat(Files.readString(file)).isEqualTo(original + "brokerPermission=6\nfileReservedTime=24\n");
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> producer.send(new Message(
                        "UpdTopic", "after".getBytes(StandardCharsets.UTF_8))).getSendStatus() == SendStatus.SEND_OK);
            } finally {
                producer.shutdown();
                admin.shutdown();
            }
        }
    }

    private static long stored(DefaultMQAdminExt admin) throws Exception {
        return admin.examineTopicStats("UpdTopic").getOffsetTable().values().stream()
                .mapToLong(o -> o.getMaxOffset()).sum();
    }
}
