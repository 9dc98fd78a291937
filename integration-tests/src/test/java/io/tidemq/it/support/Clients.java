package io.tidemq.it.support;

import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Official 4.9.3 clients set up for fast tests: short route polling and heartbeats, a unique instance name each
 * (so clients in one JVM do not share a client instance unless asked), client logs through SLF4J.
 */
public final class Clients {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Differs between test JVMs, so client ids (and anything keyed by them) never repeat across runs. */
    private static final String RUN = ProcessHandle.current().pid() + "-" + System.nanoTime();

    static {
        System.setProperty("rocketmq.client.logUseSlf4j", "true");
        // broadcasting consumers keep offsets in local files: keep them out of the real home, per test run
        try {
            System.setProperty("rocketmq.client.localOffsetStoreDir",
                    java.nio.file.Files.createTempDirectory("tidemq-it-offsets").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Clients() {
    }

    /** The official client's request signer (what an application with ACL credentials uses). */
    public static RPCHook signer(String accessKey, String secretKey) {
        return new AclClientRPCHook(new SessionCredentials(accessKey, secretKey));
    }

    public static DefaultMQProducer producer(String group, String namesrv) {
        return producer(group, namesrv, null);
    }

    /** A producer whose requests {@code hook} signs (null: unsigned). */
    public static DefaultMQProducer producer(String group, String namesrv, RPCHook hook) {
        DefaultMQProducer p = new DefaultMQProducer(group, hook);
        p.setNamesrvAddr(namesrv);
        p.setInstanceName("it-producer-" + RUN + "-" + SEQ.incrementAndGet());
        p.setPollNameServerInterval(1000);
        p.setHeartbeatBrokerInterval(1000);
        p.setSendMsgTimeout(5000);
        return p;
    }

    public static DefaultMQPushConsumer pushConsumer(String group, String namesrv) {
        DefaultMQPushConsumer c = new DefaultMQPushConsumer(group);
        c.setNamesrvAddr(namesrv);
        c.setInstanceName("it-consumer-" + RUN + "-" + SEQ.incrementAndGet());
        c.setPollNameServerInterval(1000);
        c.setHeartbeatBrokerInterval(1000);
        c.setPersistConsumerOffsetInterval(1000);
        return c;
    }

    /** A started push consumer of {@code topic} from its first offset, recording each message's keys to its body. */
    public static DefaultMQPushConsumer recordingConsumer(String namesrv, String group, String topic,
                                                          java.util.Map<String, String> keyToBody)
            throws org.apache.rocketmq.client.exception.MQClientException {
        DefaultMQPushConsumer c = pushConsumer(group, namesrv);
        c.setConsumeFromWhere(org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, "*");
        c.registerMessageListener((org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently)
                (msgs, ctx) -> {
                    for (org.apache.rocketmq.common.message.MessageExt m : msgs) {
                        keyToBody.put(m.getKeys(), new String(m.getBody(),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                    return org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
        c.start();
        return c;
    }

    /** Where a broker's CommitLog ends, from its runtime figures. */
    public static long commitLogEnd(DefaultMQAdminExt admin, String brokerAddr) throws Exception {
        return Long.parseLong(admin.fetchBrokerRuntimeStats(brokerAddr).getTable().get("commitLogMaxOffset"));
    }

    public static DefaultLitePullConsumer litePullConsumer(String group, String namesrv) {
        return litePullConsumer(group, namesrv, null);
    }

    public static DefaultLitePullConsumer litePullConsumer(String group, String namesrv, RPCHook hook) {
        DefaultLitePullConsumer c = new DefaultLitePullConsumer(group, hook);
        c.setNamesrvAddr(namesrv);
        c.setInstanceName("it-lite-" + RUN + "-" + SEQ.incrementAndGet());
        c.setPollNameServerInterval(1000);
        c.setHeartbeatBrokerInterval(1000);
        c.setAutoCommitIntervalMillis(1000);
        return c;
    }

    public static DefaultMQAdminExt admin(String namesrv) {
        return admin(namesrv, null);
    }

    public static DefaultMQAdminExt admin(String namesrv, RPCHook hook) {
        DefaultMQAdminExt a = new DefaultMQAdminExt(hook, 5000);
        a.setNamesrvAddr(namesrv);
        a.setInstanceName("it-admin-" + RUN + "-" + SEQ.incrementAndGet());
        return a;
    }
}
