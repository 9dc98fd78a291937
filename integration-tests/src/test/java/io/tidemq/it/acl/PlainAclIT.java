package io.tidemq.it.acl;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.PrometheusScrape;
import io.tidemq.it.support.MqAdmin;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tidemq.it.acl.AclFixture.ADMIN_AK;
import static io.tidemq.it.acl.AclFixture.ADMIN_SK;
import static io.tidemq.it.acl.AclFixture.APP_AK;
import static io.tidemq.it.acl.AclFixture.APP_SK;
import static io.tidemq.it.acl.AclFixture.READER_AK;
import static io.tidemq.it.acl.AclFixture.READER_SK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A broker with aclEnable=true and an Apache-format plain_acl.yml, used by the official 4.9.3 client with
 * AclClientRPCHook and by mqadmin: who may send and pull what, what an unsigned or forged request leaves behind
 * (nothing), and the ways the ACL changes while the broker runs.
 */
class PlainAclIT {
    @TempDir
    Path dir;
    private TideNamesrv namesrv;
    private TideBroker broker;
    private Path aclFile;
    private DefaultMQAdminExt admin;
    private int metricsPort;
    private final List<Runnable> toShutdown = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path home = dir.resolve("home");
        aclFile = AclFixture.install(home);
        namesrv = new TideNamesrv(dir.resolve("ns"));
        metricsPort = Ports.free("127.0.0.1");
        broker = new TideBroker(namesrv.address(), dir.resolve("store"), Map.of("brokerName", "broker-acl",
                "aclEnable", "true", "rocketmqHome", home.toString(), "autoCreateTopicEnable", "false",
                "metricsPort", String.valueOf(metricsPort)));
        admin = Clients.admin(namesrv.address(), Clients.signer(ADMIN_AK, ADMIN_SK));
        admin.start();
        toShutdown.add(admin::shutdown);
        for (String topic : List.of("AclTopic", "AclPubOnly", "AclOther")) {
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, 2, 2, 6));
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.examineTopicRouteInfo("AclOther") != null);
    }

    @AfterEach
    void stop() {
        toShutdown.forEach(Runnable::run);
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private DefaultMQProducer producer(RPCHook hook) throws MQClientException {
        DefaultMQProducer p = Clients.producer("AppProducer", namesrv.address(), hook);
        p.setRetryTimesWhenSendFailed(0);
        p.start();
        toShutdown.add(p::shutdown);
        return p;
    }

    private DefaultMQPullConsumer puller(String group, RPCHook hook) throws MQClientException {
        DefaultMQPullConsumer c = new DefaultMQPullConsumer(group, hook);
        c.setNamesrvAddr(namesrv.address());
        c.setInstanceName("acl-pull-" + System.nanoTime());
        c.start();
        toShutdown.add(c::shutdown);
        return c;
    }

    private static Message message(String topic, String body) {
        Message m = new Message(topic, "TagA", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys("key-" + body);
        return m;
    }

    private long stored(String topic) throws Exception {
        return admin.examineTopicStats(topic).getOffsetTable().values().stream().mapToLong(o -> o.getMaxOffset())
                .sum();
    }

    /**
     * The broker's refusal as the official client reports it: response code 1 (SYSTEM_ERROR) and the ACL's reason,
     * in an MQBrokerException, or in an MQClientException carrying the code (admin calls, exhausted send retries).
     */
    static void refusedByAcl(ThrowingRunnable call, String reason) {
        assertThatThrownBy(call::run).satisfies(e -> {
            Throwable t = e;
            while (!(t instanceof MQBrokerException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof MQBrokerException b) {
                assertThat(b.getResponseCode()).isEqualTo(1);
            } else {
                assertThat(e).isInstanceOf(MQClientException.class);
                assertThat(((MQClientException) e).getResponseCode()).isEqualTo(1);
                t = e;
            }
            assertThat(t.getMessage()).contains("AclException").contains(reason);
        });
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private List<String> pullAll(DefaultMQPullConsumer c, String topic) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (MessageQueue mq : c.fetchSubscribeMessageQueues(topic)) {
            PullResult r = c.pull(mq, "*", 0, 32);
            if (r.getPullStatus() == PullStatus.FOUND) {
                for (MessageExt m : r.getMsgFoundList()) {
                    bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
                }
            }
        }
        return bodies;
    }

    @Test
    void signedClientsWorkAndUnsignedOrForgedRequestsStoreNothing() throws Exception {
        DefaultMQProducer app = producer(Clients.signer(APP_AK, APP_SK));
        for (int i = 0; i < 5; i++) {
            SendResult r = app.send(message("AclTopic", "app-" + i));
            assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        }
        DefaultMQProducer adminProducer = producer(Clients.signer(ADMIN_AK, ADMIN_SK));
        adminProducer.send(message("AclOther", "by-admin"));

        DefaultMQProducer unsigned = producer(null);
        refusedByAcl(() -> unsigned.send(message("AclTopic", "unsigned")), "No accessKey is configured");
        DefaultMQProducer wrongSecret = producer(Clients.signer(APP_AK, "notTheSecret"));
        refusedByAcl(() -> wrongSecret.send(message("AclTopic", "forged")),
                "Check signature failed for accessKey=" + APP_AK);
        DefaultMQProducer unknown = producer(Clients.signer("nobody-at-all", APP_SK));
        refusedByAcl(() -> unknown.send(message("AclTopic", "unknown")), "No acl config for nobody-at-all");

        assertThat(stored("AclTopic")).isEqualTo(5);
        assertThat(stored("AclOther")).isEqualTo(1);
        List<String> onTopic = pullAll(puller("AppGroup", Clients.signer(APP_AK, APP_SK)), "AclTopic");
        assertThat(onTopic).containsExactlyInAnyOrder("app-0", "app-1", "app-2", "app-3", "app-4");
        assertThat(pullAll(puller("AnyGroup", Clients.signer(ADMIN_AK, ADMIN_SK)), "AclOther"))
                .containsExactly("by-admin");
        // the connection stays usable after a refusal
        refusedByAcl(() -> wrongSecret.send(message("AclTopic", "again")), "Check signature failed");
        assertThat(stored("AclTopic")).isEqualTo(5);
        // each refused send was counted (the client retries some, so at least once each)
        assertThat(PrometheusScrape.of("127.0.0.1", metricsPort).sum("rocketmq_requests_refused_total",
                Map.of("reason", "acl"))).isGreaterThanOrEqualTo(4);
    }

    @Test
    void topicAndGroupPermissionsAreEnforcedBothWays() throws Exception {
        DefaultMQProducer app = producer(Clients.signer(APP_AK, APP_SK));
        app.send(message("AclPubOnly", "pub-only"));
        refusedByAcl(() -> app.send(message("AclOther", "denied")), "No default permission for topic:AclOther");

        DefaultMQProducer reader = producer(Clients.signer(READER_AK, READER_SK));
        refusedByAcl(() -> reader.send(message("AclTopic", "reader")), "needs PUB and holds SUB");
        assertThat(stored("AclOther")).isZero();
        assertThat(stored("AclTopic")).isZero();

        // the application may publish to AclPubOnly but not read it; the reader may read it
        DefaultMQPullConsumer appPuller = puller("AppGroup", Clients.signer(APP_AK, APP_SK));
        MessageQueue mq = appPuller.fetchSubscribeMessageQueues("AclPubOnly").iterator().next();
        refusedByAcl(() -> appPuller.pull(mq, "*", 0, 32), "topic:AclPubOnly");
        assertThat(pullAll(puller("ReaderGroup", Clients.signer(READER_AK, READER_SK)), "AclPubOnly"))
                .containsExactly("pub-only");
        // a group the account is denied
        DefaultMQPullConsumer otherGroup = puller("NotMyGroup", Clients.signer(APP_AK, APP_SK));
        MessageQueue topicQueue = otherGroup.fetchSubscribeMessageQueues("AclTopic").iterator().next();
        refusedByAcl(() -> otherGroup.pull(topicQueue, "*", 0, 32), "group:NotMyGroup");
        // admin requests need the admin role
        DefaultMQAdminExt appAdmin = Clients.admin(namesrv.address(), Clients.signer(APP_AK, APP_SK));
        appAdmin.start();
        toShutdown.add(appAdmin::shutdown);
        refusedByAcl(() -> appAdmin.createAndUpdateTopicConfig(broker.address(),
                new TopicConfig("AppMadeTopic", 1, 1, 6)), "Need admin permission for request code=17");
        assertThat(broker.controller().topicConfigManager().select("AppMadeTopic")).isNull();
    }

    @Test
    void theFileAndTheWhitelistChangeWhileTheBrokerRuns() throws Exception {
        DefaultMQProducer later = producer(Clients.signer("itLateUser", "itLateSecret"));
        refusedByAcl(() -> later.send(message("AclOther", "too-early")), "No acl config for itLateUser");
        Files.writeString(aclFile, Files.readString(aclFile) + """
                  - accessKey: itLateUser
                    secretKey: itLateSecret
                    defaultTopicPerm: PUB
                """);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() ->
                later.send(message("AclOther", "after-edit")).getSendStatus() == SendStatus.SEND_OK);
        assertThat(stored("AclOther")).isEqualTo(1);

        // mqadmin updateGlobalWhiteAddr, signed with conf/tools.yml as operators do
        Path tools = dir.resolve("mqadmin-home/conf/tools.yml");
        Files.createDirectories(tools.getParent());
        Files.writeString(tools, "accessKey: " + ADMIN_AK + "\nsecretKey: " + ADMIN_SK + "\n");
        String out = MqAdmin.run(dir, "updateGlobalWhiteAddr", "-b", broker.address(), "-g", "127.0.0.1",
                "-n", namesrv.address());
        assertThat(out).contains("success");
        assertThat(Files.readString(aclFile)).contains("127.0.0.1");
        DefaultMQProducer unsigned = producer(null);
        assertThat(unsigned.send(message("AclTopic", "whitelisted")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
    }

    @Test
    void mqadminManagesAccountsAndTheNewAccountWorks() throws Exception {
        Path tools = dir.resolve("mqadmin-home/conf/tools.yml");
        Files.createDirectories(tools.getParent());
        Files.writeString(tools, "accessKey: " + ADMIN_AK + "\nsecretKey: " + ADMIN_SK + "\n");
        String out = MqAdmin.run(dir, "updateAclConfig", "-b", broker.address(), "-a", "itCliUser", "-s",
                "itCliSecret", "-i", "DENY", "-t", "AclOther=PUB", "-n", namesrv.address());
        assertThat(out).contains("create or update plain access config to " + broker.address() + " success");
        DefaultMQProducer cli = producer(Clients.signer("itCliUser", "itCliSecret"));
        assertThat(cli.send(message("AclOther", "from-cli-account")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        refusedByAcl(() -> cli.send(message("AclTopic", "not-granted")), "No default permission for topic:AclTopic");
        assertThat(Files.readString(aclFile)).contains("itCliUser", "AclOther=PUB", "itAppUser");

        String listed = MqAdmin.run(dir, "getAccessConfigSubCommand", "-b", broker.address(), "-n", namesrv.address());
        assertThat(listed).contains("itCliUser", "itAppUser", "itAdmin01");
        String versions = MqAdmin.run(dir, "clusterAclConfigVersion", "-c", "DefaultCluster",
                "-n", namesrv.address());
        assertThat(versions).contains("broker-acl");

        out = MqAdmin.run(dir, "deleteAccessConfig", "-b", broker.address(), "-a", "itCliUser",
                "-n", namesrv.address());
        assertThat(out).contains("success");
        refusedByAcl(() -> cli.send(message("AclOther", "deleted")), "No acl config for itCliUser");
        assertThat(stored("AclOther")).isEqualTo(1);

        // without tools.yml mqadmin is unsigned and the broker refuses it
        Files.delete(tools);
        out = MqAdmin.run(dir, "updateAclConfig", "-b", broker.address(), "-a", "itSneaky1", "-s", "itSneaky1",
                "-m", "true", "-n", namesrv.address());
        assertThat(out).doesNotContain("success");
        assertThat(Files.readString(aclFile)).doesNotContain("itSneaky1");
    }
}
