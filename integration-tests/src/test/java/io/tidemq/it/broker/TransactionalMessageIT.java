package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transactional messages with the official TransactionMQProducer: a commit delivers, a rollback does not, and a
 * transaction left UNKNOW is settled by the broker's check-back (CHECK_TRANSACTION_STATE), exactly once, and one
 * whose producer never answers is given up after transactionCheckMax checks.
 */
class TransactionalMessageIT {
    private static final String TOPIC = "IT_TX";

    @TempDir
    Path dir;

    @Test
    void commitDeliversRollbackHidesAndUnknownIsSettledByCheckBack() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker("127.0.0.1", ns.address(), dir.resolve("b"),
                     Map.of("transactionCheckInterval", "1000", "transactionTimeOut", "1000",
                             "transactionCheckMax", "3"))) {
            List<String> received = new CopyOnWriteArrayList<>();
            DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_TX", ns.address());
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe(TOPIC, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                msgs.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });

            Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
            List<String> checkedTopics = new CopyOnWriteArrayList<>();
            TransactionMQProducer producer = new TransactionMQProducer("PG_TX");
            producer.setNamesrvAddr(ns.address());
            producer.setInstanceName("it-tx-" + System.nanoTime());
            producer.setTransactionListener(new TransactionListener() {
                @Override
                public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                    String body = new String(msg.getBody(), StandardCharsets.UTF_8);
                    if (body.startsWith("commit-now")) {
                        return LocalTransactionState.COMMIT_MESSAGE;
                    }
                    if (body.startsWith("rollback-now")) {
                        return LocalTransactionState.ROLLBACK_MESSAGE;
                    }
                    return LocalTransactionState.UNKNOW;
                }

                @Override
                public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                    String body = new String(msg.getBody(), StandardCharsets.UTF_8);
                    checks.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
                    checkedTopics.add(msg.getTopic());
                    if (body.startsWith("never-settled")
                            || body.startsWith("later-unknown-twice") && checks.get(body).get() < 3) {
                        return LocalTransactionState.UNKNOW;
                    }
                    return body.startsWith("later-commit") || body.startsWith("later-unknown-twice")
                            ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.ROLLBACK_MESSAGE;
                }
            });
            producer.start();
            consumer.start();
            try {
                String[] bodies = {"commit-now-1", "rollback-now-1", "later-commit-1", "later-rollback-1",
                        "commit-now-2", "later-commit-2", "later-unknown-twice-1", "never-settled-1"};
                for (String body : bodies) {
                    TransactionSendResult r = producer.sendMessageInTransaction(
                            new Message(TOPIC, "T", body.getBytes(StandardCharsets.UTF_8)), null);
                    assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                }

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received)
                        .containsExactlyInAnyOrder("commit-now-1", "commit-now-2", "later-commit-1",
                                "later-commit-2", "later-unknown-twice-1"));
                // transactionCheckMax=3: a producer that never answers is asked three times, then given up
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(checks.get("never-settled-1")).isNotNull().hasValue(3));
                // several more check rounds: nothing settled or given up is asked about or delivered again
                Thread.sleep(3500);
                assertThat(received).hasSize(5);
                assertThat(checks.keySet()).containsExactlyInAnyOrder("later-commit-1", "later-rollback-1",
                        "later-commit-2", "later-unknown-twice-1", "never-settled-1");
                assertThat(checks.get("never-settled-1")).hasValue(3);
                assertThat(checks.get("later-commit-1")).hasValue(1);
                assertThat(checks.get("later-rollback-1")).hasValue(1);
                assertThat(checks.get("later-unknown-twice-1")).hasValue(3);
                assertThat(checkedTopics).containsOnly(TOPIC);
            } finally {
                consumer.shutdown();
                producer.shutdown();
            }
        }
    }
}
