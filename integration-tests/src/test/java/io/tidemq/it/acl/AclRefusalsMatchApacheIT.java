package io.tidemq.it.acl;

import io.tidemq.it.support.ApacheBroker;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tidemq.it.acl.AclFixture.ADMIN_AK;
import static io.tidemq.it.acl.AclFixture.ADMIN_SK;
import static io.tidemq.it.acl.AclFixture.APP_AK;
import static io.tidemq.it.acl.AclFixture.APP_SK;
import static io.tidemq.it.acl.AclFixture.READER_AK;
import static io.tidemq.it.acl.AclFixture.READER_SK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same plain_acl.yml and the same requests against the real Apache RocketMQ 4.9.3 broker and against ours: the
 * official client must see the same outcome each time (accepted, or refused with the same response code and the
 * same reason) and the same messages stored.
 */
class AclRefusalsMatchApacheIT {
    @TempDir
    Path dir;

    /** The reason phrases Apache's broker gives; ours must give them too. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("signed send", "ok");
        EXPECTED.put("unsigned send", "code 1: No accessKey is configured");
        EXPECTED.put("wrong secret", "code 1: Check signature failed for accessKey=" + APP_AK);
        EXPECTED.put("unknown key", "code 1: No acl config for nobody-at-all");
        EXPECTED.put("SUB-only account sends", "code 1: No default permission for topic:AclTopic");
        EXPECTED.put("send to a denied topic", "code 1: No default permission for topic:AclOther");
        EXPECTED.put("pull a PUB-only topic", "code 1: No default permission for topic:AclPubOnly");
        EXPECTED.put("pull with a denied group", "code 1: No default permission for group:NotMyGroup");
        EXPECTED.put("create a topic without admin",
                "code 1: Need admin permission for request code=17, but accessKey=" + APP_AK + " is not");
        EXPECTED.put("SUB-only account pulls", "ok");
    }

    @Test
    void theOfficialClientSeesTheSameOutcomesFromBothBrokers() throws Exception {
        Map<String, String> apache;
        List<Long> apacheStored;
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns-apache"))) {
            AclFixture.install(dir.resolve("apache/home"));
            try (ApacheBroker broker = ApacheBroker.start(dir.resolve("apache"), ns.address(), Map.of(
                    "brokerName", "acl-apache", "aclEnable", "true", "autoCreateTopicEnable", "false"))) {
                apache = new LinkedHashMap<>();
                apacheStored = run(ns.address(), broker.address(), apache);
            }
        }
        assertThat(apache).containsExactlyEntriesOf(EXPECTED);

        Map<String, String> ours = new LinkedHashMap<>();
        List<Long> oursStored;
        Path home = dir.resolve("tide/home");
        AclFixture.install(home);
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns-tide"));
             TideBroker broker = new TideBroker(ns.address(), dir.resolve("tide/store"), Map.of("brokerName",
                     "acl-tide", "aclEnable", "true", "rocketmqHome", home.toString(),
                     "autoCreateTopicEnable", "false"))) {
            oursStored = run(ns.address(), broker.address(), ours);
        }
        assertThat(ours).containsExactlyEntriesOf(apache);
        assertThat(oursStored).isEqualTo(apacheStored).containsExactly(1L, 0L, 1L);
    }

    /** Runs every case against the broker at {@code brokerAddr}; returns what AclTopic, AclOther, AclPubOnly hold. */
    private static List<Long> run(String namesrv, String brokerAddr, Map<String, String> outcome) throws Exception {
        List<Runnable> shutdown = new ArrayList<>();
        try {
            DefaultMQAdminExt admin = Clients.admin(namesrv, Clients.signer(ADMIN_AK, ADMIN_SK));
            admin.start();
            shutdown.add(admin::shutdown);
            for (String topic : List.of("AclTopic", "AclPubOnly", "AclOther")) {
                admin.createAndUpdateTopicConfig(brokerAddr, new TopicConfig(topic, 1, 1, 6));
            }
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> admin.examineTopicRouteInfo("AclOther") != null);

            DefaultMQProducer app = producer(namesrv, Clients.signer(APP_AK, APP_SK), shutdown);
            outcome.put("signed send", outcome(() -> app.send(message("AclTopic"))));
            DefaultMQProducer unsigned = producer(namesrv, null, shutdown);
            outcome.put("unsigned send", outcome(() -> unsigned.send(message("AclTopic"))));
            DefaultMQProducer wrong = producer(namesrv, Clients.signer(APP_AK, "notTheSecret"), shutdown);
            outcome.put("wrong secret", outcome(() -> wrong.send(message("AclTopic"))));
            DefaultMQProducer unknown = producer(namesrv, Clients.signer("nobody-at-all", APP_SK), shutdown);
            outcome.put("unknown key", outcome(() -> unknown.send(message("AclTopic"))));
            DefaultMQProducer reader = producer(namesrv, Clients.signer(READER_AK, READER_SK), shutdown);
            outcome.put("SUB-only account sends", outcome(() -> reader.send(message("AclTopic"))));
            outcome.put("send to a denied topic", outcome(() -> app.send(message("AclOther"))));
            app.send(message("AclPubOnly"));

            DefaultMQPullConsumer appPull = puller(namesrv, "AppGroup", Clients.signer(APP_AK, APP_SK), shutdown);
            MessageQueue pubOnly = appPull.fetchSubscribeMessageQueues("AclPubOnly").iterator().next();
            outcome.put("pull a PUB-only topic", outcome(() -> appPull.pull(pubOnly, "*", 0, 32)));
            DefaultMQPullConsumer other = puller(namesrv, "NotMyGroup", Clients.signer(APP_AK, APP_SK), shutdown);
            MessageQueue topic = other.fetchSubscribeMessageQueues("AclTopic").iterator().next();
            outcome.put("pull with a denied group", outcome(() -> other.pull(topic, "*", 0, 32)));
            DefaultMQAdminExt appAdmin = Clients.admin(namesrv, Clients.signer(APP_AK, APP_SK));
            appAdmin.start();
            shutdown.add(appAdmin::shutdown);
            outcome.put("create a topic without admin", outcome(() -> appAdmin.createAndUpdateTopicConfig(brokerAddr,
                    new TopicConfig("AppMadeTopic", 1, 1, 6))));
            DefaultMQPullConsumer readerPull = puller(namesrv, "ReaderGroup", Clients.signer(READER_AK, READER_SK),
                    shutdown);
            outcome.put("SUB-only account pulls", outcome(() -> {
                if (readerPull.pull(pubOnly, "*", 0, 32).getPullStatus() != PullStatus.FOUND) {
                    throw new IllegalStateException("the reader found nothing");
                }
            }));
            List<Long> stored = new ArrayList<>();
            for (String t : List.of("AclTopic", "AclOther", "AclPubOnly")) {
                stored.add(admin.examineTopicStats(t).getOffsetTable().values().stream()
                        .mapToLong(o -> o.getMaxOffset()).sum());
            }
            return stored;
        } finally {
            shutdown.forEach(Runnable::run);
        }
    }

    private static DefaultMQProducer producer(String namesrv, RPCHook hook, List<Runnable> shutdown)
            throws MQClientException {
        DefaultMQProducer p = Clients.producer("AclCompareProducer", namesrv, hook);
        p.setRetryTimesWhenSendFailed(0);
        p.start();
        shutdown.add(p::shutdown);
        return p;
    }

    private static DefaultMQPullConsumer puller(String namesrv, String group, RPCHook hook, List<Runnable> shutdown)
            throws MQClientException {
        DefaultMQPullConsumer c = new DefaultMQPullConsumer(group, hook);
        c.setNamesrvAddr(namesrv);
        c.setInstanceName("acl-compare-" + System.nanoTime());
        c.start();
        shutdown.add(c::shutdown);
        return c;
    }

    private static Message message(String topic) {
        return new Message(topic, "TagA", ("to " + topic).getBytes(StandardCharsets.UTF_8));
    }

    /** "ok", or "code N: <the expected phrase that the remark contains>" (the whole remark when none matches). */
    private static String outcome(PlainAclIT.ThrowingRunnable call) {
        try {
            call.run();
            return "ok";
        } catch (Exception e) {
            Throwable t = e;
            while (!(t instanceof MQBrokerException) && t.getCause() != null) {
                t = t.getCause();
            }
            int code = t instanceof MQBrokerException b ? b.getResponseCode()
                    : e instanceof MQClientException c ? c.getResponseCode() : -1;
            String text = t instanceof MQBrokerException ? t.getMessage() : e.getMessage();
            for (String expected : EXPECTED.values()) {
                String phrase = expected.startsWith("code ") ? expected.substring(expected.indexOf(": ") + 2) : "";
                if (!phrase.isEmpty() && text != null && text.contains("AclException: " + phrase)) {
                    return "code " + code + ": " + phrase;
                }
            }
            return "code " + code + ": " + text;
        }
    }
}
