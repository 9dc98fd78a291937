package io.tidemq.it.admin;

import io.tidemq.it.support.ApacheBroker;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET_BROKER_RUNTIME_INFO holds every key a real Apache 4.9.3 broker reports, in the forms rocketmq-exporter's
 * parser requires (its BrokerRuntimeStats rejects a broker whose table lacks a key or has a bad value), and the
 * rates and latencies move with traffic instead of standing still.
 */
class RuntimeInfoIT {
    /** Keys whose name varies (per delay level, per path): compared by prefix. */
    private static final Set<String> VARYING = Set.of("scheduleMessageOffset_", "commitLogDiskRatio_");

    @TempDir
    Path dir;

    @Test
    void everyApacheKeyIsThereWithLiveValuesTheExporterCanParse() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker ours = new TideBroker(ns.address(), dir.resolve("b"), Map.of());
             ApacheBroker apache = ApacheBroker.start(dir.resolve("apache"), ns.address(),
                     Map.of("brokerName", "apache-b"))) {
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            DefaultMQProducer producer = Clients.producer("PG_RUNTIME", ns.address());
            producer.start();
            DefaultMQPushConsumer consumer = Clients.pushConsumer("CG_RUNTIME", ns.address());
            AtomicInteger consumed = new AtomicInteger();
            try {
                admin.createAndUpdateTopicConfig(ours.address(), new TopicConfig("IT_RUNTIME", 2, 2, 6));
                consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
                consumer.subscribe("IT_RUNTIME", "*");
                consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                    consumed.addAndGet(msgs.size());
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
                consumer.start();
                await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() ->
                        !producer.fetchPublishMessageQueues("IT_RUNTIME").isEmpty());
                for (int i = 0; i < 200; i++) {
                    producer.send(new Message("IT_RUNTIME", ("r" + i).getBytes(StandardCharsets.UTF_8)));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> consumed.get() >= 200);
                Thread.sleep(2500); // a few rate samples (one a second)

                Map<String, String> theirs = admin.fetchBrokerRuntimeStats(apache.address()).getTable();
                Map<String, String> mine = admin.fetchBrokerRuntimeStats(ours.address()).getTable();
                assertThat(keys(mine)).containsAll(keys(theirs));
                ExporterParse.check(mine);

                assertThat(first(mine.get("putTps"))).isPositive();
                assertThat(first(mine.get("getFoundTps"))).isPositive();
                assertThat(first(mine.get("getMissTps"))).as("long-polling pulls that found nothing").isPositive();
                assertThat(first(mine.get("getTransferedTps"))).isPositive();
                assertThat(first(mine.get("getTotalTps"))).isCloseTo(first(mine.get("getFoundTps"))
                        + first(mine.get("getMissTps")), org.assertj.core.data.Offset.offset(0.02));
                assertThat(Long.parseLong(mine.get("putMessageTimesTotal"))).isGreaterThanOrEqualTo(200);
                assertThat(Long.parseLong(mine.get("msgPutTotalTodayNow"))).isGreaterThanOrEqualTo(200);
                assertThat(Long.parseLong(mine.get("msgGetTotalTodayNow"))).isGreaterThanOrEqualTo(200);
                assertThat(Double.parseDouble(mine.get("putMessageAverageSize"))).isGreaterThan(100);
                assertThat(Long.parseLong(mine.get("dispatchMaxBuffer"))).isPositive();
                long histogram = Arrays.stream(mine.get("putMessageDistributeTime").trim().split(" "))
                        .mapToLong(t -> Long.parseLong(t.substring(t.indexOf(':') + 1))).sum();
                assertThat(histogram).as("puts counted in the latency histogram").isGreaterThanOrEqualTo(200);
                assertThat(mine.get("commitLogDiskRatio_" + ours.controller().messageStoreConfig().commitLogDir()))
                        .isEqualTo(mine.get("commitLogDiskRatio"));
            } finally {
                consumer.shutdown();
                producer.shutdown();
                admin.shutdown();
            }
        }
    }

    private static Set<String> keys(Map<String, String> table) {
        return table.keySet().stream().map(k -> VARYING.stream().filter(k::startsWith).findFirst().orElse(k))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static double first(String rates) {
        return Double.parseDouble(rates.split(" ")[0]);
    }

    /** The checks rocketmq-exporter's BrokerRuntimeStats makes while it parses a broker's table. */
    static final class ExporterParse {
        private static final Set<String> LABELS = Set.of("<=0ms", "0~10ms", "10~50ms", "50~100ms", "100~200ms",
                "200~500ms", "500ms~1s", "1~2s", "2~3s", "3~4s", "4~5s", "5~10s", "10s~");

        static void check(Map<String, String> t) {
            for (String k : new String[] {"msgPutTotalTodayNow", "sendThreadPoolQueueHeadWaitTimeMills",
                "queryThreadPoolQueueHeadWaitTimeMills", "msgGetTotalTodayNow", "queryThreadPoolQueueSize",
                "bootTimestamp", "msgPutTotalYesterdayMorning", "msgGetTotalYesterdayMorning",
                "pullThreadPoolQueueSize", "commitLogMinOffset", "pullThreadPoolQueueHeadWaitTimeMills",
                "dispatchMaxBuffer", "pageCacheLockTimeMills", "commitLogMaxOffset", "getMessageEntireTimeMax",
                "msgPutTotalTodayMorning", "putMessageTimesTotal", "msgGetTotalTodayMorning",
                "sendThreadPoolQueueSize", "startAcceptSendRequestTimeStamp", "putMessageEntireTimeMax",
                "earliestMessageTimeStamp", "remainTransientStoreBufferNumbs", "queryThreadPoolQueueCapacity",
                "dispatchBehindBytes", "putMessageSizeTotal", "sendThreadPoolQueueCapacity",
                "pullThreadPoolQueueCapacity"}) {
                assertThat(t.get(k)).as(k).isNotNull();
                Long.parseLong(t.get(k));
            }
            Integer.parseInt(t.get("brokerVersion"));
            for (String k : new String[] {"consumeQueueDiskRatio", "commitLogDiskRatio", "putMessageAverageSize"}) {
                Double.parseDouble(t.get(k));
            }
            t.forEach((k, v) -> {
                if (k.startsWith("scheduleMessageOffset")) {
                    String[] parts = v.split(",");
                    assertThat(parts).as(k).hasSize(2);
                    Long.parseLong(parts[0]);
                    Long.parseLong(parts[1]);
                }
            });
            Set<String> labels = new TreeSet<>();
            for (String token : t.get("putMessageDistributeTime").split(" ")) {
                String[] kv = token.split(":");
                labels.add(kv[0].replace("[", "").replace("]", ""));
                Integer.parseInt(kv[1]);
            }
            assertThat(labels).isEqualTo(new TreeSet<>(LABELS));
            for (String k : new String[] {"putTps", "getMissTps", "getTransferedTps", "getTotalTps",
                "getFoundTps"}) {
                String[] parts = t.get(k).split(" ");
                assertThat(parts.length).as(k).isBetween(1, 3);
                for (String p : parts) {
                    Double.parseDouble(p);
                }
            }
            String[] cap = t.get("commitLogDirCapacity").split(" ");
            Double.parseDouble(cap[2]);
            assertThat(cap[3]).endsWith(",");
            Double.parseDouble(cap[6]);
            assertThat(cap[7]).endsWith(".");
            Double.parseDouble(t.get("remainHowManyDataToFlush").split(" ")[0]);
            assertThat(t.get("brokerVersionDesc")).isEqualTo("V4_9_3");
        }
    }
}
