package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.QueueContents;
import io.tidemq.it.support.SteppableClock;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.LockBatchRequestBody;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wall clock of a running broker process stepped back an hour, or forward two days (libfaketime; the monotonic
 * clock untouched, as with a real step by an operator or NTP), while the official client produces and consumes.
 * Back: everything sent before and after is consumed, a delayed message parked before the step is not held for an
 * extra hour, a transaction sent after it is checked and committed (its producer's clock is now an hour ahead of
 * the broker's), and the index finds keys on both sides of the step. Forward: no file
 * is deleted for looking two days old, an orderly-consumption queue lock is not taken from the live client that
 * holds it, and sends and reads go on.
 */
class BrokerClockSteppedIT {
    private static final String TOPIC = "CLOCK_STEP_TOPIC";

    @TempDir
    Path dir;

    @Test
    void steppedBackAnHour() throws Exception {
        SteppableClock clock = SteppableClock.create(dir.resolve("clock"));
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess broker = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-clock", "transactionCheckInterval", "1000",
                             "transactionTimeOut", "2000")).onClock(clock).start()) {
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            Map<String, MessageExt> received = new ConcurrentHashMap<>();
            Map<String, Long> receivedAt = new ConcurrentHashMap<>();
            DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_CLOCK_BACK", ns.address());
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe(TOPIC, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                for (MessageExt m : msgs) {
                    received.putIfAbsent(m.getKeys(), m);
                    receivedAt.putIfAbsent(m.getKeys(), System.nanoTime());
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            DefaultMQProducer producer = Clients.producer("PG_CLOCK_BACK", ns.address());
            TransactionMQProducer txProducer = new TransactionMQProducer("PG_CLOCK_BACK_TX");
            txProducer.setNamesrvAddr(ns.address());
            txProducer.setInstanceName("it-clock-tx-" + System.nanoTime());
            Set<String> checked = ConcurrentHashMap.newKeySet();
            txProducer.setTransactionListener(new TransactionListener() {
                @Override
                public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                    return LocalTransactionState.UNKNOW; // settled only when the broker asks
                }

                @Override
                public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                    checked.add(msg.getKeys());
                    return LocalTransactionState.COMMIT_MESSAGE;
                }
            });
            try {
                admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
                producer.start();
                txProducer.start();
                consumer.start();
                Map<String, String> sent = new TreeMap<>();
                Map<String, Integer> outcomes = new TreeMap<>();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> send(producer, "warm", 0, sent, outcomes) == SendStatus.SEND_OK);
                for (int i = 0; i < 30; i++) {
                    send(producer, "before-" + i, 0, sent, outcomes);
                }
                long delayedSentAt = System.nanoTime();
                send(producer, "delayed-30s", 4, sent, outcomes);

                clock.step(Duration.ofHours(-1));
                for (int i = 0; i < 30; i++) {
                    send(producer, "after-" + i, 0, sent, outcomes);
                }
                Message tx = new Message(TOPIC, "T", "tx-after", "tx-after".getBytes(StandardCharsets.UTF_8));
                assertThat(txProducer.sendMessageInTransaction(tx, null).getSendStatus())
                        .isEqualTo(SendStatus.SEND_OK);
                sent.put("tx-after", "tx-after");
                assertThat(outcomes).as("every send acknowledged").containsOnlyKeys("SEND_OK");

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(received.keySet()).containsAll(sent.keySet()));
                assertThat(checked).as("the broker asked about the transaction").contains("tx-after");
                for (Map.Entry<String, String> e : sent.entrySet()) {
                    assertThat(new String(received.get(e.getKey()).getBody(), StandardCharsets.UTF_8))
                            .as(e.getKey()).isEqualTo(e.getValue());
                }
                long delayedAfter = Duration.ofNanos(receivedAt.get("delayed-30s") - delayedSentAt).toSeconds();
                assertThat(delayedAfter).as("delay level 4 (30 s) is not stretched by the hour stepped back")
                        .isLessThan(45);
                long before = received.get("before-3").getStoreTimestamp();
                long after = received.get("after-3").getStoreTimestamp();
                assertThat(before - after).as("the broker stored with the stepped clock")
                        .isBetween(Duration.ofMinutes(55).toMillis(), Duration.ofMinutes(65).toMillis());

                // keys on both sides of the step at any time (as mqadmin queryMsgByKey asks); those stored before
                // it also by the time range they were stored in. An entry stored after the step carries the index
                // file's start time, as in Apache, so a range around its stepped store time does not find it.
                for (String key : List.of("before-3", "after-3", "before-29", "after-0")) {
                    assertThat(keysOf(admin.queryMessage(TOPIC, key, 32, 0, Long.MAX_VALUE)))
                            .as("%s at any time", key).contains(key);
                }
                for (String key : List.of("before-3", "before-29")) {
                    long storedAt = received.get(key).getStoreTimestamp();
                    assertThat(keysOf(admin.queryMessage(TOPIC, key, 32, storedAt - 60_000, storedAt + 60_000)))
                            .as("%s by its store time", key).contains(key);
                }

                // the queues hold exactly what was acknowledged, each queue's offsets contiguous
                Map<String, String> contents = readQueues(ns.address(), broker);
                List<String> stored = texts(contents);
                // at least once: a send the client timed out and retried may be stored twice, nothing else
                assertThat(new HashSet<>(stored)).isEqualTo(new HashSet<>(sent.values()));
                assertThat(stored).as("the transaction committed once, though checked more than once")
                        .containsOnlyOnce("tx-after");

                long lost = sent.keySet().stream().filter(k -> !received.containsKey(k)).count();
                FaultReport.record("broker's wall clock stepped back 1 h under load (libfaketime; monotonic "
                                + "clock untouched)", BrokerClockSteppedIT.class, outcomes
                                + "; delayed message (30 s) parked before the step delivered after " + delayedAfter
                                + " s; transaction sent after it checked and committed; keys on both sides found by "
                                + "the index", sent.size(), String.valueOf(lost), "-", "-");
            } catch (AssertionError | Exception e) {
                broker.printLogTail(200);
                throw e;
            } finally {
                consumer.shutdown();
                txProducer.shutdown();
                producer.shutdown();
                admin.shutdown();
            }
        }
    }

    @Test
    void steppedForwardTwoDays() throws Exception {
        SteppableClock clock = SteppableClock.create(dir.resolve("clock"));
        String everyHour = IntStream.range(0, 24).mapToObj(h -> String.format("%02d", h))
                .collect(Collectors.joining(";"));
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess broker = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-clock", "mappedFileSizeCommitLog", Integer.toString(1 << 20),
                             "fileReservedTime", "24", "deleteWhen", everyHour, "cleanResourceInterval", "500"))
                     .onClock(clock).start()) {
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            DefaultMQProducer producer = Clients.producer("PG_CLOCK_FORWARD", ns.address());
            try {
                admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
                producer.start();
                Map<String, String> sent = new TreeMap<>();
                Map<String, Integer> outcomes = new TreeMap<>();
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> send(producer, "warm", 0, sent, outcomes) == SendStatus.SEND_OK);
                // random, so the client's compression of bodies over 4 KiB leaves them their size
                byte[] noise = new byte[45 * 1024];
                new java.util.Random(7).nextBytes(noise);
                String padding = java.util.Base64.getEncoder().encodeToString(noise);
                for (int i = 0; i < 60; i++) {
                    send(producer, "before-" + i, "before-" + i + "-" + padding, 0, sent, outcomes);
                }
                assertThat(Clients.commitLogEnd(admin, broker.address())).as("several CommitLog files")
                        .isGreaterThan(2L << 20);

                MQClientAPIImpl api = MQClientManager.getInstance().getOrCreateMQClientInstance(admin)
                        .getMQClientAPIImpl();
                MessageQueue q0 = new MessageQueue(TOPIC, "broker-clock", 0);
                assertThat(lock(api, broker.address(), "client-A", q0)).containsExactly(q0);

                clock.step(Duration.ofDays(2));
                Thread.sleep(3000); // several retention passes (every 500 ms), every one at a deleteWhen hour

                assertThat(lock(api, broker.address(), "client-B", q0))
                        .as("a lock its holder renewed seconds ago is not free for another client").isEmpty();
                assertThat(lock(api, broker.address(), "client-A", q0)).containsExactly(q0);
                assertThat(admin.fetchBrokerRuntimeStats(broker.address()).getTable().get("commitLogMinOffset"))
                        .as("no file deleted for looking two days old").isEqualTo("0");

                for (int i = 0; i < 10; i++) {
                    send(producer, "after-" + i, 0, sent, outcomes);
                }
                assertThat(outcomes).as("every send acknowledged").containsOnlyKeys("SEND_OK");
                Map<String, String> contents = readQueues(ns.address(), broker);
                List<String> stored = texts(contents);
                // at least once: a send the client timed out and retried may be stored twice, nothing else
                assertThat(new HashSet<>(stored)).isEqualTo(new HashSet<>(sent.values()));

                FaultReport.record("broker's wall clock stepped forward 2 days (libfaketime), retention due at every"
                                + " hour, an orderly-consumption lock held", BrokerClockSteppedIT.class, outcomes
                                + "; no CommitLog file deleted (their age is counted on the monotonic clock); the "
                                + "lock stayed with its holder", sent.size(),
                        "0 (every message read back from the queues)", "-", "-");
            } catch (AssertionError | Exception e) {
                broker.printLogTail(200);
                throw e;
            } finally {
                producer.shutdown();
                admin.shutdown();
            }
        }
    }

    private static SendStatus send(DefaultMQProducer producer, String text, int delayLevel, Map<String, String> sent,
                                   Map<String, Integer> outcomes) throws Exception {
        return send(producer, text, text, delayLevel, sent, outcomes);
    }

    private static SendStatus send(DefaultMQProducer producer, String key, String text, int delayLevel,
                                   Map<String, String> sent, Map<String, Integer> outcomes) throws Exception {
        Message m = new Message(TOPIC, "T", key, text.getBytes(StandardCharsets.UTF_8));
        if (delayLevel > 0) {
            m.setDelayTimeLevel(delayLevel);
        }
        SendResult r = producer.send(m);
        outcomes.merge(r.getSendStatus().name(), 1, Integer::sum);
        if (r.getSendStatus() == SendStatus.SEND_OK) {
            sent.put(key, text);
        }
        return r.getSendStatus();
    }

    private static Set<MessageQueue> lock(MQClientAPIImpl api, String brokerAddr, String clientId, MessageQueue mq)
            throws Exception {
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setConsumerGroup("CG_CLOCK_ORDERLY");
        body.setClientId(clientId);
        body.setMqSet(new HashSet<>(Set.of(mq)));
        return api.lockBatchMQ(brokerAddr, body, 5000);
    }

    /**
     * The queues' contents, read by a fresh pull consumer. Under a loaded machine the 4.9 client was seen closing its
     * own connection to this broker in the middle of the read (the broker's log shows the client's side going away,
     * not the broker closing it); the cause is not understood, so a read that fails with a client exception is
     * retried, with the broker's log printed, rather than the test failing on it.
     */
    private static Map<String, String> readQueues(String namesrv, TideBrokerProcess broker) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return QueueContents.read(namesrv, TOPIC);
            } catch (org.apache.rocketmq.client.exception.MQClientException
                     | org.apache.rocketmq.remoting.exception.RemotingException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("reading the queues failed (attempt " + attempt + "): " + e);
                broker.printLogTail(40);
                Thread.sleep(2000);
            }
        }
    }

    private static List<String> texts(Map<String, String> contents) {
        return contents.values().stream().map(l -> l.substring(l.indexOf(" text=") + 6)).toList();
    }

    private static Set<String> keysOf(QueryResult r) {
        Map<String, String> keys = new HashMap<>();
        r.getMessageList().forEach(m -> keys.put(m.getKeys(), m.getMsgId()));
        return keys.keySet();
    }
}
