package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
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
 * whose producer never answers is given up after transactionCheckMax checks: moved to TRANS_CHECK_MAX_TIME_TOPIC,
 * from where RESUME_CHECK_HALF_MESSAGE (DefaultMQAdminExt.resumeCheckHalfMessage) has it checked again.
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
                    if (body.startsWith("never-settled") && checks.get(body).get() <= 3
                            || body.startsWith("later-unknown-twice") && checks.get(body).get() < 3) {
                        return LocalTransactionState.UNKNOW; // never-settled: until an operator resumes it
                    }
                    return body.startsWith("later-commit") || body.startsWith("later-unknown-twice")
                            || body.startsWith("never-settled") ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.ROLLBACK_MESSAGE;
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

                // the given-up half is where operators look for it, and resuming it has it checked once more
                MessageExt givenUp = onlyMessageOf(ns.address(), broker.brokerName(), "TRANS_CHECK_MAX_TIME_TOPIC");
                assertThat(new String(givenUp.getBody(), StandardCharsets.UTF_8)).isEqualTo("never-settled-1");
                assertThat(givenUp.getProperty("REAL_TOPIC")).isEqualTo(TOPIC);
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                try {
                    assertThat(admin.resumeCheckHalfMessage(((MessageClientExt) givenUp).getOffsetMsgId())).isTrue();
                } finally {
                    admin.shutdown();
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received)
                        .contains("never-settled-1").hasSize(6));
                assertThat(checks.get("never-settled-1")).hasValue(4);
            } finally {
                consumer.shutdown();
                producer.shutdown();
            }
        }
    }

    /** The one message of queue 0 of {@code topic}, read with a pull consumer. */
    @SuppressWarnings("deprecation")
    private static MessageExt onlyMessageOf(String namesrv, String brokerName, String topic) throws Exception {
        DefaultMQPullConsumer pull = new DefaultMQPullConsumer("CG_TX_GIVEN_UP");
        pull.setNamesrvAddr(namesrv);
        pull.setInstanceName("it-tx-given-up-" + System.nanoTime());
        pull.start();
        try {
            MessageQueue mq = new MessageQueue(topic, brokerName, 0);
            PullResult r = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> pull.pull(mq, "*", 0, 32), p -> p.getPullStatus() == PullStatus.FOUND);
            assertThat(r.getMsgFoundList()).hasSize(1);
            return r.getMsgFoundList().get(0);
        } finally {
            pull.shutdown();
        }
    }
}
