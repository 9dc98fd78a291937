package io.tidemq.it.filter;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.SingleBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SQL92 subscriptions with the official 4.9.3 client, on a broker with default settings: consumers get exactly the
 * messages their expressions select, a pull with a sparse filter still fills its batch, and a bad expression is
 * refused when the consumer starts, with the broker's explanation.
 */
class SqlFilterIT {
    @TempDir
    static Path dir;
    static SingleBroker cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = SingleBroker.start(dir, "PG_SQL");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static void createTopic(String topic, int queues) throws Exception {
        cluster.admin.createAndUpdateTopicConfig(cluster.broker.address(),
                new org.apache.rocketmq.common.TopicConfig(topic, queues, queues, 6));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                return !cluster.producer.fetchPublishMessageQueues(topic).isEmpty();
            } catch (MQClientException e) {
                return false;
            }
        });
    }

    /** Message i: n=i, color red/green/blue except every 7th (none), price 1.5*i, tag TagA/TagB by parity. */
    private static Message message(String topic, int i) {
        Message m = new Message(topic, i % 2 == 0 ? "TagA" : "TagB",
                Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        m.putUserProperty("n", Integer.toString(i));
        if (i % 7 != 0) {
            m.putUserProperty("color", List.of("red", "green", "blue").get(i % 3));
        }
        m.putUserProperty("price", Double.toString(i * 1.5));
        return m;
    }

    private static DefaultMQPushConsumer consumer(String group, String topic, String sql, Set<Integer> into)
            throws MQClientException {
        DefaultMQPushConsumer c = Clients.pushConsumer(group, cluster.namesrv.address());
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(topic, MessageSelector.bySql(sql));
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            msgs.forEach(m -> into.add(Integer.parseInt(new String(m.getBody(), StandardCharsets.UTF_8))));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        return c;
    }

    @Test
    void twoConsumersEachReceiveExactlyTheirSubset() throws Exception {
        String topic = "IT_SQL_SUBSETS";
        createTopic(topic, 4);
        int total = 300;
        String sqlRed = "color = 'red' AND n BETWEEN 10 AND 200";
        IntPredicate red = i -> i % 7 != 0 && i % 3 == 0 && i >= 10 && i <= 200;
        String sqlMixed = "(TAGS IN ('TagB') OR price > 400.0) AND color IS NOT NULL AND NOT (n < 50)";
        IntPredicate mixed = i -> (i % 2 == 1 || i * 1.5 > 400) && i % 7 != 0 && i >= 50;

        Set<Integer> gotRed = new ConcurrentSkipListSet<>();
        Set<Integer> gotMixed = new ConcurrentSkipListSet<>();
        DefaultMQPushConsumer c1 = consumer("CG_SQL_RED", topic, sqlRed, gotRed);
        DefaultMQPushConsumer c2 = consumer("CG_SQL_MIXED", topic, sqlMixed, gotMixed);
        c1.start();
        c2.start();
        try {
            for (int i = 0; i < total; i++) {
                assertThat(cluster.producer.send(message(topic, i)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }
            Set<Integer> wantRed = IntStream.range(0, total).filter(red).boxed().collect(Collectors.toSet());
            Set<Integer> wantMixed = IntStream.range(0, total).filter(mixed).boxed().collect(Collectors.toSet());
            assertThat(wantRed).hasSize(54);
            assertThat(wantMixed.size()).isBetween(100, 150);
            await().atMost(Duration.ofSeconds(30)).until(() -> gotRed.size() >= wantRed.size()
                    && gotMixed.size() >= wantMixed.size());
            Thread.sleep(1500); // anything not selected would have arrived by now as well
            assertThat(new TreeSet<>(gotRed)).isEqualTo(new TreeSet<>(wantRed));
            assertThat(new TreeSet<>(gotMixed)).isEqualTo(new TreeSet<>(wantMixed));
        } finally {
            c1.shutdown();
            c2.shutdown();
        }
    }

    @Test
    void aPullWithASparseFilterReturnsAFullBatch() throws Exception {
        String topic = "IT_SQL_SPARSE";
        createTopic(topic, 1);
        for (int i = 0; i < 1000; i++) {
            Message m = new Message(topic, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            m.putUserProperty("hit", i % 25 == 0 ? "yes" : "no");
            cluster.producer.send(m);
        }
        @SuppressWarnings("deprecation")
        DefaultMQPullConsumer pull = new DefaultMQPullConsumer("CG_SQL_SPARSE");
        pull.setNamesrvAddr(cluster.namesrv.address());
        pull.setInstanceName("it-sql-pull-" + System.nanoTime());
        pull.setHeartbeatBrokerInterval(1000);
        pull.start();
        try {
            MessageQueue mq = new MessageQueue(topic, cluster.broker.brokerName(), 0);
            // the client pulls with SQL92 only from a broker whose version a heartbeat has told it
            pull.fetchSubscribeMessageQueues(topic);
            PullResult first = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> pull.pull(mq, MessageSelector.bySql("hit = 'yes'"), 0, 32), r -> r != null);
            assertThat(first.getPullStatus()).isEqualTo(PullStatus.FOUND);
            assertThat(bodies(first.getMsgFoundList()))
                    .isEqualTo(IntStream.range(0, 32).map(k -> k * 25).boxed().toList());
            assertThat(first.getMsgFoundList()).allSatisfy(m -> assertThat(m.getUserProperty("hit")).isEqualTo("yes"));
            assertThat(first.getNextBeginOffset()).isGreaterThan(775).isLessThanOrEqualTo(800);

            PullResult rest = pull.pull(mq, MessageSelector.bySql("hit = 'yes'"), first.getNextBeginOffset(), 32);
            assertThat(bodies(rest.getMsgFoundList()))
                    .isEqualTo(IntStream.range(32, 40).map(k -> k * 25).boxed().toList());
            assertThat(rest.getNextBeginOffset()).isEqualTo(1000);

            assertThatThrownBy(() -> pull.pull(mq, MessageSelector.bySql("hit = = 'yes'"), 0, 32))
                    .hasMessageContaining("Invalid SQL92 selector [hit = = 'yes']")
                    .hasMessageContaining("column 7");
        } finally {
            pull.shutdown();
        }
    }

    @Test
    void aBadExpressionIsRefusedWhenTheConsumerStarts() throws Exception {
        String topic = "IT_SQL_BAD";
        createTopic(topic, 2);
        DefaultMQPushConsumer bad = consumer("CG_SQL_BAD", topic, "color = 'red' AND n >> 5", new TreeSet<>());
        try {
            assertThatThrownBy(bad::start).isInstanceOf(MQClientException.class)
                    .hasMessageContaining("CODE: 23")
                    .hasMessageContaining("Invalid SQL92 selector [color = 'red' AND n >> 5]: expected a literal,"
                            + " a property or '(', found '>' at column 22");
        } finally {
            bad.shutdown();
        }

        // with property filtering turned off at run time the broker answers as Apache's does by default
        Properties off = new Properties();
        off.setProperty("enablePropertyFilter", "false");
        cluster.admin.updateBrokerConfig(cluster.broker.address(), off);
        DefaultMQPushConsumer refused = consumer("CG_SQL_OFF", topic, "color = 'red'", new TreeSet<>());
        try {
            assertThatThrownBy(refused::start).hasMessageContaining(
                    "The broker does not support consumer to filter message by SQL92");
        } finally {
            refused.shutdown();
            Properties on = new Properties();
            on.setProperty("enablePropertyFilter", "true");
            cluster.admin.updateBrokerConfig(cluster.broker.address(), on);
        }
    }

    private static List<Integer> bodies(List<MessageExt> msgs) {
        List<Integer> out = new ArrayList<>();
        for (MessageExt m : msgs) {
            out.add(Integer.parseInt(new String(m.getBody(), StandardCharsets.UTF_8)));
        }
        return out;
    }
}
