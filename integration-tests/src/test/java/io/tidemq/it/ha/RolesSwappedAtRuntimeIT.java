package io.tidemq.it.ha;

import io.tidemq.broker.role.RoleState;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.MessageStore;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A master/slave pair swaps roles while running, through {@code updateBrokerConfig brokerRole} from the official
 * admin client, and swaps back: no restart, each broker serves its new role (writes, replication, route as
 * brokerId 0), queue offsets continue without reuse, and a consumer reading everything gets every acknowledged
 * message exactly once.
 */
class RolesSwappedAtRuntimeIT {
    private static final String TOPIC = "IT_ROLE_SWAP";
    private static final int BATCH = 60;

    @TempDir
    Path dir;

    @Test
    void pairSwapsRolesAndBackWithoutLosingOrDuplicatingAMessage() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker a = new TideBroker("127.0.0.2", ns.address(), dir.resolve("a"),
                     Map.of("brokerName", "broker-swap", "brokerRole", "SYNC_MASTER",
                             "slaveSynchronizeInterval", "1000"));
             TideBroker b = new TideBroker("127.0.0.3", ns.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-swap", "brokerRole", "SLAVE", "brokerId", "1",
                             "slaveSynchronizeInterval", "1000"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> a.controller().haService().connectionCount() == 1);
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            DefaultMQProducer producer = Clients.producer("PG_ROLE_SWAP", ns.address());
            admin.start();
            producer.start();
            Map<Integer, Long> nextOffset = new HashMap<>();
            try {
                sendBatch(producer, "first", a, nextOffset);
                awaitCaughtUp(a, b);

                swap(admin, ns, a, b);
                assertThat(b.controller().roles().state()).isEqualTo(new RoleState(BrokerRole.SYNC_MASTER, 0, 1));
                assertThat(a.controller().roles().state()).isEqualTo(new RoleState(BrokerRole.SLAVE, 1, 0));
                assertThat(a.controller().store().role()).isEqualTo(BrokerRole.SLAVE);
                await().atMost(Duration.ofSeconds(20)).until(() -> b.controller().haService() != null
                        && b.controller().haService().connectionCount() == 1);
                sendBatch(producer, "second", b, nextOffset);
                awaitCaughtUp(b, a);

                swap(admin, ns, b, a);
                assertThat(a.controller().roles().state()).isEqualTo(new RoleState(BrokerRole.SYNC_MASTER, 0, 1));
                assertThat(b.controller().roles().role()).isEqualTo(BrokerRole.SLAVE);
                await().atMost(Duration.ofSeconds(20)).until(() -> a.controller().haService() != null
                        && a.controller().haService().connectionCount() == 1);
                sendBatch(producer, "third", a, nextOffset);
                awaitCaughtUp(a, b);

                // a master has brokerId 0: changing only the id of a master is refused, and changes nothing
                Properties idOnly = new Properties();
                idOnly.setProperty("brokerId", "2");
                assertThatThrownBy(() -> admin.updateBrokerConfig(a.address(), idOnly))
                        .isInstanceOf(MQBrokerException.class).hasMessageContaining("a master registers as brokerId 0");
                assertThat(a.controller().roles().brokerId()).isZero();
            } finally {
                producer.shutdown();
                admin.shutdown();
            }
            for (int q = 0; q < 4; q++) {
                assertThat(b.controller().store().getMaxOffsetInQueue(TOPIC, q))
                        .isEqualTo(a.controller().store().getMaxOffsetInQueue(TOPIC, q))
                        .isEqualTo(nextOffset.getOrDefault(q, 0L));
            }
            // the switch is persisted: a restart comes back in the role the broker has now
            assertThat(Files.readString(dir.resolve("a").resolve("config").resolve("broker.properties")))
                    .contains("brokerRole=SYNC_MASTER", "brokerId=0");
            assertThat(Files.readString(dir.resolve("b").resolve("config").resolve("broker.properties")))
                    .contains("brokerRole=SLAVE", "brokerId=1");
            assertEveryMessageConsumedOnce(ns.address());
        }
    }

    /** Sends a batch to the current master; every send is acknowledged there at the queue offset that follows. */
    private static void sendBatch(DefaultMQProducer producer, String name, TideBroker master,
                                  Map<Integer, Long> nextOffset) throws Exception {
        for (int i = 0; i < BATCH; i++) {
            SendResult r = producer.send(new Message(TOPIC, (name + "-" + i).getBytes(StandardCharsets.UTF_8)));
            assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(r.getOffsetMsgId()).as("stored by the current master")
                    .startsWith(hexOf(master.controller().storeHost().getAddress().getAddress()));
            int q = r.getMessageQueue().getQueueId();
            long expected = nextOffset.getOrDefault(q, 0L);
            assertThat(r.getQueueOffset()).as(name + "-" + i + " on queue " + q).isEqualTo(expected);
            nextOffset.put(q, expected + 1);
        }
    }

    private static String hexOf(byte[] ip) {
        StringBuilder sb = new StringBuilder();
        for (byte x : ip) {
            sb.append(String.format("%02X", x));
        }
        return sb.toString();
    }

    private static void awaitCaughtUp(TideBroker master, TideBroker slave) {
        MessageStore m = master.controller().store();
        MessageStore s = slave.controller().store();
        await().atMost(Duration.ofSeconds(20)).until(() -> s.getMaxPhyOffset() == m.getMaxPhyOffset()
                && s.dispatchedPhyOffset() == m.getMaxPhyOffset()
                && slave.controller().topicConfigManager().select(TOPIC) != null);
    }

    /** Demotes the master first (never two masters), then promotes the slave; waits for the route to show it. */
    private static void swap(DefaultMQAdminExt admin, TideNamesrv ns, TideBroker master, TideBroker slave)
            throws Exception {
        Properties toSlave = new Properties();
        toSlave.setProperty("brokerRole", "SLAVE");
        admin.updateBrokerConfig(master.address(), toSlave);
        assertThat(master.controller().store().role()).isEqualTo(BrokerRole.SLAVE);
        Properties toMaster = new Properties();
        toMaster.setProperty("brokerRole", "SYNC_MASTER");
        admin.updateBrokerConfig(slave.address(), toMaster);
        assertThat(slave.controller().store().role()).isEqualTo(BrokerRole.SYNC_MASTER);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<BrokerData> brokers = admin.examineTopicRouteInfo(TOPIC).getBrokerDatas();
            assertThat(brokers).singleElement().satisfies(bd -> assertThat(bd.getBrokerAddrs())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(0L, slave.address(), 1L, master.address())));
        });
    }

    private static void assertEveryMessageConsumedOnce(String namesrv) throws Exception {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_ROLE_SWAP", namesrv);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> seen.computeIfAbsent(new String(m.getBody(), StandardCharsets.UTF_8),
                    k -> new AtomicInteger()).incrementAndGet());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 3 * BATCH);
            Thread.sleep(1000);
        } finally {
            consumer.shutdown();
        }
        assertThat(seen).hasSize(3 * BATCH);
        for (String batch : List.of("first", "second", "third")) {
            for (int i = 0; i < BATCH; i++) {
                assertThat(seen.get(batch + "-" + i)).as(batch + "-" + i).isNotNull().hasValue(1);
            }
        }
    }
}
