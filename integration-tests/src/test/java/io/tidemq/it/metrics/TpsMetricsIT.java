package io.tidemq.it.metrics;

import io.tidemq.it.support.ChildProcess;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.Distribution;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.PrometheusScrape;
import io.tidemq.it.support.PrometheusScrape.Sample;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Under the load tool's steady load (mqbench e2e: a paced producer and a consumer group, official 4.9.3 client in its
 * own process), the TPS families rocketmq-exporter publishes — per topic, per group, per broker — track the rate
 * the tool achieved within 10 %. They are minute averages, as the exporter's are, so the load runs past a minute.
 */
class TpsMetricsIT {
    private static final int RATE = 200;
    private static final int SECONDS = 72;
    private static final String TOPIC = "TopicTps";
    private static final Pattern RESULT = Pattern.compile("RESULT \\{\"mode\":\"e2e\",\"rate\":\\d+,\"sent\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void tpsFamiliesTrackTheLoadToolsRate() throws Exception {
        Path dist = Distribution.packaged();
        int metricsPort = Ports.free("127.0.0.1");
        try (TideNamesrv namesrv = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker(namesrv.address(), dir.resolve("b"),
                     Map.of("metricsPort", String.valueOf(metricsPort)))) {
            DefaultMQAdminExt admin = Clients.admin(namesrv.address());
            admin.start();
            try {
                admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
            } finally {
                admin.shutdown();
            }
            PrometheusScrape during;
            String output;
            try (ChildProcess bench = ChildProcess.start("mqbench", List.of("sh", dist.resolve("bin/mqbench").toString(),
                    "e2e", "-n", namesrv.address(), "-t", TOPIC, "-r", String.valueOf(RATE), "-s", "256",
                    "-d", String.valueOf(SECONDS), "-w", "0", "--report", "10"), dir, Map.of(),
                    dir.resolve("mqbench.out"))) {
                bench.awaitOutput("MEASURE-BEGIN", Duration.ofSeconds(60));
                // most of the run: the minute windows hold nothing but steady load by now
                Thread.sleep((SECONDS - 5) * 1000L);
                during = PrometheusScrape.of("127.0.0.1", metricsPort);
                assertThat(bench.waitFor(Duration.ofSeconds(60))).isZero();
                output = bench.output();
            }
            Matcher m = RESULT.matcher(output);
            assertThat(m.find()).as("mqbench result in:\n" + output).isTrue();
            double achieved = Long.parseLong(m.group(1)) / (double) SECONDS;
            assertThat(achieved).as("the tool's own rate").isCloseTo(RATE, within(RATE * 0.1));

            Map<String, String> topic = Map.of("topic", TOPIC);
            assertThat(during.sum("rocketmq_producer_tps", topic)).isCloseTo(achieved, within(achieved * 0.1));
            // bytes as stored, as 4.9 counts them: the 256-byte body plus the record's header and properties
            assertThat(during.sum("rocketmq_producer_message_size", topic) / during.sum("rocketmq_producer_tps", topic))
                    .isBetween(256.0 + 60, 256.0 + 400);
            List<Sample> groups = during.find("rocketmq_consumer_tps", topic);
            assertThat(groups).as("the tool's one consumer group").hasSize(1);
            assertThat(groups.get(0).labels().get("group")).startsWith("CG_E2E_");
            assertThat(groups.get(0).value()).isCloseTo(achieved, within(achieved * 0.1));
            assertThat(during.sum("rocketmq_broker_tps", Map.of())).isCloseTo(achieved, within(achieved * 0.1));
            assertThat(during.sum("rocketmq_broker_qps", Map.of())).isCloseTo(achieved, within(achieved * 0.1));
        }
    }
}
