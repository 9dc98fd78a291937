package io.tidemq.it.acl;

import io.tidemq.it.support.ChildProcess;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.Distribution;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged installation with aclEnable=true and nothing else changed: its own conf/plain_acl.yml (the
 * documentation's sample accounts) protects the broker, and its mqadmin signs with conf/tools.yml.
 */
class DistributionAclIT {
    @TempDir
    Path work;
    Path dist;

    @BeforeEach
    void distribution() {
        dist = Distribution.packaged();
    }

    @Test
    void theShippedAclFilesProtectThePackagedBroker() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(work.resolve("ns"))) {
            int port = Ports.freeBrokerPort("127.0.0.1");
            Path conf = work.resolve("broker.properties");
            Files.writeString(conf, "brokerName=broker-acl-dist\nbrokerIP1=127.0.0.1\nbrokerIP2=127.0.0.1\n"
                    + "bindAddress=127.0.0.1\nlistenPort=" + port + "\nstorePathRootDir=" + work.resolve("store")
                    + "\nmappedFileSizeCommitLog=1048576\naclEnable=true\nnamesrvAddr=" + ns.address() + "\n");
            try (ChildProcess broker = ChildProcess.start("mqbroker-acl", List.of("sh",
                    dist.resolve("bin/mqbroker").toString(), "-c", conf.toString()), work,
                    Map.of("JAVA_OPT_EXT", "-Duser.home=" + work, "JAVA_HOME", System.getProperty("java.home")),
                    work.resolve("broker.out"))) {
                broker.awaitOutput("boot success", Duration.ofSeconds(60));
                String addr = "127.0.0.1:" + port;
                DefaultMQAdminExt admin = Clients.admin(ns.address(), Clients.signer("rocketmq2", "12345678"));
                DefaultMQProducer app = Clients.producer("PG_DIST", ns.address(),
                        Clients.signer("RocketMQ", "12345678"));
                app.setRetryTimesWhenSendFailed(0);
                DefaultMQProducer unsigned = Clients.producer("PG_DIST", ns.address());
                unsigned.setRetryTimesWhenSendFailed(0);
                admin.start();
                app.start();
                unsigned.start();
                try {
                    admin.createAndUpdateTopicConfig(addr, new TopicConfig("topicB", 1, 1, 6));
                    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                            .until(() -> admin.examineTopicRouteInfo("topicB") != null);
                    assertThat(app.send(new Message("topicB", "signed".getBytes(StandardCharsets.UTF_8)))
                            .getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    PlainAclIT.refusedByAcl(() -> unsigned.send(new Message("topicB",
                            "unsigned".getBytes(StandardCharsets.UTF_8))), "No accessKey is configured");
                    PlainAclIT.refusedByAcl(() -> app.send(new Message("topicA",
                            "denied".getBytes(StandardCharsets.UTF_8))), "No default permission for topic:topicA");
                } finally {
                    unsigned.shutdown();
                    app.shutdown();
                    admin.shutdown();
                }
                ChildProcess mqadmin = ChildProcess.start("mqadmin-acl", List.of("sh",
                        dist.resolve("bin/mqadmin").toString(), "getAccessConfigSubCommand", "-b", addr,
                        "-n", ns.address()), work, Map.of("JAVA_OPT_EXT", "-Duser.home=" + work,
                        "JAVA_HOME", System.getProperty("java.home")), work.resolve("mqadmin.out"));
                assertThat(mqadmin.waitFor(Duration.ofSeconds(60))).isZero();
                assertThat(mqadmin.output()).contains("globalWhiteRemoteAddresses", "10.10.103.*", "rocketmq2",
                        "topicB=PUB|SUB");
            }
        }
    }
}
