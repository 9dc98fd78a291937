package io.tidemq.it.broker;

import io.tidemq.broker.BrokerStartup;
import io.tidemq.it.support.ApacheDefaults;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.MessageRoundTrip;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A RocketMQ 4.9 user's existing configuration files, unchanged: Apache's own distribution conf/ files (their
 * settings as shipped, test resources under apache-4.9.3-conf/) and a file holding every key Apache 4.9.3 binds at
 * Apache's default value. Placement on this machine (addresses, ports, store folder) is added as trailing
 * {@code key=value} arguments, which is how the user's guide starts brokers too.
 */
class ApacheConfigurationFilesIT {
    private static final List<String> SHIPPED = List.of("broker.conf", "2m-noslave/broker-a.properties",
            "2m-noslave/broker-b.properties", "2m-noslave/broker-trace.properties",
            "2m-2s-async/broker-a.properties", "2m-2s-async/broker-a-s.properties",
            "2m-2s-async/broker-b.properties", "2m-2s-async/broker-b-s.properties",
            "2m-2s-sync/broker-a.properties", "2m-2s-sync/broker-a-s.properties",
            "2m-2s-sync/broker-b.properties", "2m-2s-sync/broker-b-s.properties");

    @TempDir
    Path dir;

    private Path shipped(String name) throws IOException {
        Path target = dir.resolve("conf").resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = getClass().getResourceAsStream("/apache-4.9.3-conf/" + name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }

    private record Launch(int exitCode, String out, String err) {
    }

    private Launch launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BrokerStartup.Outcome o = BrokerStartup.launch(args, new PrintStream(out, true), new PrintStream(err, true));
        assertThat(o.running()).isFalse();
        return new Launch(o.exitCode(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyShippedFileIsAcceptedWithItsSettings() throws Exception {
        for (String name : SHIPPED) {
            Launch l = launch("-c", shipped(name).toString(), "-p", "storePathRootDir=" + dir.resolve("s"));
            assertThat(l.exitCode()).as(name + ": " + l.err()).isZero();
            Properties expected = new Properties();
            try (InputStream in = Files.newInputStream(dir.resolve("conf").resolve(name))) {
                expected.load(in);
            }
            Properties printed = new Properties();
            printed.load(new java.io.StringReader(l.out().substring(l.out().indexOf('\n') + 1)));
            for (String key : expected.stringPropertyNames()) {
                String want = expected.getProperty(key).trim();
                if (key.equals("brokerId") && !name.endsWith("-s.properties")) {
                    want = "0";
                }
                assertThat(printed.getProperty(key)).as(name + " " + key).isEqualTo(want);
            }
        }
    }

    @Test
    void shippedDLedgerFilesAreRefusedWithTheReason() throws Exception {
        for (String name : List.of("dledger/broker-n0.conf", "dledger/broker-n1.conf", "dledger/broker-n2.conf")) {
            Launch l = launch("-c", shipped(name).toString(), "-p");
            assertThat(l.exitCode()).as(name).isEqualTo(1);
            assertThat(l.err()).contains("enableDLegerCommitLog=true is refused: DLedger is not supported")
                    .contains("automatic failover");
        }
    }

    @Test
    void aMisspelledKeyIsRefusedByNameWithTheNearestKey() throws Exception {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "brokerClusterName=DefaultCluster\nbrokerName=broker-a\nflushDiskTpye=SYNC_FLUSH\n");
        Launch l = launch("-c", file.toString());
        assertThat(l.exitCode()).isEqualTo(1);
        assertThat(l.err()).contains("unknown config key 'flushDiskTpye' (did you mean flushDiskType?)");
    }

    /** The guide's synchronous double write pair, from Apache's own two files, serving the official client. */
    @Test
    void theShippedSyncDoubleWritePairBootsAndServes() throws Exception {
        try (TideNamesrv namesrv = new TideNamesrv("127.0.0.1", dir.resolve("namesrv"));
             TideBrokerProcess master = TideBrokerProcess.placedOnly("127.0.0.2", namesrv.address(),
                     dir.resolve("a"), shipped("2m-2s-sync/broker-a.properties"),
                     Map.of("mappedFileSizeCommitLog", "16777216")).start();
             TideBrokerProcess slave = TideBrokerProcess.placedOnly("127.0.0.3", namesrv.address(),
                     dir.resolve("a-s"), shipped("2m-2s-sync/broker-a-s.properties"),
                     Map.of("mappedFileSizeCommitLog", "16777216")).start()) {
            DefaultMQAdminExt admin = Clients.admin(namesrv.address());
            admin.start();
            try {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    ClusterInfo info = admin.examineBrokerClusterInfo();
                    assertThat(info.getBrokerAddrTable().get("broker-a").getBrokerAddrs())
                            .containsEntry(0L, master.address()).containsEntry(1L, slave.address());
                });
            } finally {
                admin.shutdown();
            }
            // SYNC_MASTER answers SLAVE_NOT_AVAILABLE until its slave has connected and reported (as Apache's does)
            DefaultMQProducer probe = Clients.producer("ShippedSyncProbe", namesrv.address());
            probe.start();
            try {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> probe.send(new Message(
                        "ShippedSyncTopic", "probe".getBytes(StandardCharsets.UTF_8))).getSendStatus()
                        == SendStatus.SEND_OK);
            } finally {
                probe.shutdown();
            }
            assertThat(MessageRoundTrip.run(namesrv.address(), "ShippedSyncTopic", 200, Duration.ofSeconds(60)))
                    .hasSize(200);
        }
    }

    /**
     * A file with all 183 keys at Apache's defaults (1 GiB CommitLog files included) boots and serves; the keys
     * that have no effect here are named in one warning of the broker's log.
     */
    @Test
    void aFileWithEveryApacheKeyAtItsDefaultBootsAndServes() throws Exception {
        Properties defaults = ApacheDefaults.brokerProperties();
        assertThat(defaults.stringPropertyNames()).hasSizeGreaterThan(170).contains("transferMsgByHeap",
                "useEpollNativeSelector", "storePathCommitLog", "brokerIP1");
        Path file = dir.resolve("every-key.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            defaults.store(out, "every key Apache RocketMQ 4.9.3 binds, at its default");
        }
        try (TideNamesrv namesrv = new TideNamesrv("127.0.0.1", dir.resolve("namesrv"));
             TideBrokerProcess broker = TideBrokerProcess.placedOnly("127.0.0.1", namesrv.address(),
                     dir.resolve("b"), file, Map.of()).start()) {
            assertThat(MessageRoundTrip.run(namesrv.address(), "EveryKeyTopic", 100, Duration.ofSeconds(60)))
                    .hasSize(100);
            String log = Files.readString(broker.brokerLog());
            List<String> warnings = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.contains("have no effect in TideMQ")) {
                    warnings.add(line);
                }
            }
            assertThat(warnings).singleElement().asString().contains("transferMsgByHeap", "highSpeedMode",
                    "transientStorePoolEnable", "commercialEnable").doesNotContain("brokerClusterName");
            assertThat(log).contains("mappedFileSizeCommitLog=1073741824");
        }
    }
}
