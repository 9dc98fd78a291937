package io.tidemq.it.metrics;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.PrometheusScrape;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /metrics of a NameServer and a broker after the official client sent N messages and a group consumed them all:
 * rocketmq-exporter's families (producer and consumer offsets summing to N, the group's diff 0), the latency
 * histograms filled, the JVM's meters, the route table and the requests the NameServer served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsEndpointIT {
    private static final int N = 300;
    private static final String TOPIC = "TopicMetrics";
    private static final String GROUP = "CG_METRICS";

    @TempDir
    static Path dir;
    static TideNamesrv namesrv;
    static TideBroker broker;
    static DefaultMQProducer producer;
    static DefaultMQPushConsumer consumer;
    static DefaultMQAdminExt admin;
    static int brokerMetricsPort;

    @BeforeAll
    static void start() throws Exception {
        namesrv = TideNamesrv.withMetrics(dir.resolve("ns"));
        brokerMetricsPort = Ports.free("127.0.0.1");
        broker = new TideBroker(namesrv.address(), dir.resolve("b"),
                Map.of("metricsPort", String.valueOf(brokerMetricsPort), "brokerName", "broker-m"));
        admin = Clients.admin(namesrv.address());
        admin.start();
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
        producer = Clients.producer("PG_METRICS", namesrv.address());
        producer.start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                producer.fetchPublishMessageQueues(TOPIC).size() == 4);
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    @Order(1)
    void offsetsDiffHistogramsAndJvmAfterSendingAndConsumingN() throws Exception {
        for (int i = 0; i < N; i++) {
            assertThat(producer.send(new Message(TOPIC, ("m-" + i).getBytes(StandardCharsets.UTF_8))).getSendStatus())
                    .isEqualTo(SendStatus.SEND_OK);
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        consumer = Clients.pushConsumer(GROUP, namesrv.address());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                received.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == N);

        Map<String, String> topic = Map.of("topic", TOPIC);
        Map<String, String> topicGroup = Map.of("topic", TOPIC, "group", GROUP);
        // the consumer commits its offsets every second
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            PrometheusScrape s = scrapeBroker();
            assertThat(s.sum("rocketmq_consumer_offset", topicGroup)).isEqualTo(N);
            assertThat(s.sum("rocketmq_group_diff", topicGroup)).isZero();
        });
        PrometheusScrape s = scrapeBroker();
        assertThat(s.sum("rocketmq_producer_offset", topic)).isEqualTo(N);
        assertThat(s.find("rocketmq_producer_offset", topic)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry("cluster", "DefaultCluster")
                        .containsEntry("broker", "broker-m"));
        assertThat(s.sum("rocketmq_message_accumulation", topicGroup)).isZero();
        assertThat(s.find("rocketmq_group_diff", topicGroup)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry("countOfOnlineConsumers", "1")
                        .containsEntry("msgModel", "1"));

        // histograms, measured inside the broker
        assertThat(s.sum("rocketmq_put_latency_seconds_count", Map.of("result", "ok"))).isGreaterThanOrEqualTo(N);
        assertThat(s.find("rocketmq_put_latency_seconds_bucket", Map.of("result", "ok")))
                .hasSizeGreaterThan(10)
                .anySatisfy(b -> assertThat(b.labels().get("le")).isEqualTo("+Inf"));
        assertThat(s.sum("rocketmq_put_latency_seconds_bucket", Map.of("result", "ok", "le", "+Inf")))
                .isEqualTo(s.sum("rocketmq_put_latency_seconds_count", Map.of("result", "ok")));
        assertThat(s.sum("rocketmq_pull_latency_seconds_count", Map.of())).isPositive();
        assertThat(s.sum("rocketmq_flush_latency_seconds_count", Map.of())).isPositive();
        assertThat(s.sum("rocketmq_flushed_bytes_total", Map.of())).isPositive();

        // the runtime figures agree with the admin protocol's
        long putToday = Long.parseLong(admin.fetchBrokerRuntimeStats(broker.address()).getTable()
                .get("msgPutTotalTodayNow"));
        assertThat(s.sum("rocketmq_brokeruntime_msg_put_total_today_now", Map.of()))
                .isBetween((double) N, (double) putToday);
        assertThat(s.sum("rocketmq_brokeruntime_putmessage_times_total", Map.of())).isGreaterThanOrEqualTo(N);
        assertThat(s.sum("rocketmq_commitlog_max_offset", Map.of())).isPositive();
        assertThat(s.sum("rocketmq_storage_write_refused", Map.of())).isZero();
        assertThat(s.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(s.find("jvm_gc_pause_seconds_count", Map.of())).isNotEmpty();
        assertThat(s.sum("process_uptime_seconds", Map.of())).isPositive();

        PrometheusScrape ns = PrometheusScrape.of("127.0.0.1", namesrv.controller().metricsPort());
        assertThat(ns.sum("rocketmq_namesrv_live_brokers", Map.of())).isEqualTo(1);
        assertThat(ns.sum("rocketmq_namesrv_topics", Map.of())).isGreaterThanOrEqualTo(1);
        // REGISTER_BROKER (103) and GET_ROUTEINFO_BY_TOPIC (105)
        assertThat(ns.sum("rocketmq_namesrv_requests_total", Map.of("request_code", "103"))).isPositive();
        assertThat(ns.sum("rocketmq_namesrv_requests_total", Map.of("request_code", "105"))).isPositive();
        assertThat(ns.find("jvm_threads_live_threads", Map.of())).isNotEmpty();
    }

    /**
     * Every series the shipped Grafana dashboard queries is one a broker or NameServer publishes: those that need
     * a slave, a refusal or a dead letter are checked where those happen (ReplicationIT, the fast-failure test).
     */
    @Test
    @Order(2)
    void theShippedGrafanaDashboardQueriesOnlyPublishedSeries() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(
                Path.of("../distribution/src/main/conf/grafana/tidemq-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        Matcher names = Pattern.compile("\\b((?:rocketmq|jvm|process)_[a-z0-9_]+)").matcher("");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                names.reset(target.get("expr").asText());
                while (names.find()) {
                    queried.add(names.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(20);
        Set<String> elsewhere = Set.of("rocketmq_replication_lag_bytes", "rocketmq_replication_lag_ms",
                "rocketmq_requests_refused_total", "rocketmq_topic_dlq_offset");
        String published = scrapeBroker().text() + PrometheusScrape.of("127.0.0.1", namesrv.controller().metricsPort())
                .text();
        for (String name : queried) {
            if (!elsewhere.contains(name)) {
                assertThat(published).as(name).containsPattern("(?m)^" + name + "[{ ]");
            }
        }
    }

    private static PrometheusScrape scrapeBroker() {
        return PrometheusScrape.of("127.0.0.1", brokerMetricsPort);
    }
}
