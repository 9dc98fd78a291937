package io.tidemq.broker.metrics;

import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.stats.BrokerStats;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.metrics.MetricsEndpoint;
import io.tidemq.metrics.ProcessMetrics;
import io.tidemq.store.MessageStore;
import io.tidemq.store.ha.SlaveProgress;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A broker's {@code /metrics}: the process's JVM meters, the broker's own latency and refusal meters, and the
 * families computed from its tables at each scrape (rocketmq-exporter's, runtime figures, replication, store).
 */
public final class BrokerMetricsEndpoint implements AutoCloseable {
    /** What the scrape-time families are computed from. */
    public record Sources(String cluster, String brokerName, String brokerAddr, String brokerHost,
                          TopicConfigManager topics, ConsumerOffsetManager offsets, ConsumerManager consumers,
                          MessageStore store, BrokerStats stats, Supplier<Map<String, String>> runtime,
                          Supplier<List<SlaveProgress>> slaves) {
    }

    private final ProcessMetrics process;
    private final BrokerMetrics metrics;
    private final MetricsEndpoint endpoint;

    public BrokerMetricsEndpoint(Sources s) {
        process = new ProcessMetrics();
        metrics = new BrokerMetrics(process.registry(), s.cluster(), s.brokerName());
        StoreMeters.bind(process.registry(), s.store());
        ExporterMeters exporter = new ExporterMeters(process.registry(), s.topics(), s.offsets(), s.consumers(),
                s.store(), s.stats(), s.brokerAddr());
        RuntimeMeters runtime = new RuntimeMeters(process.registry(), s.runtime(), s.brokerAddr(), s.brokerHost());
        ReplicationMeters replication = new ReplicationMeters(process.registry(), s.slaves());
        endpoint = new MetricsEndpoint(process);
        endpoint.beforeScrape(() -> exporter.refresh(s.cluster()));
        endpoint.beforeScrape(runtime::refresh);
        endpoint.beforeScrape(replication::refresh);
    }

    /** The meters the broker's parts record into. */
    public BrokerMetrics metrics() {
        return metrics;
    }

    public void start(String host, int port) {
        endpoint.start(host, port);
    }

    public int port() {
        return endpoint.port();
    }

    @Override
    public void close() {
        endpoint.close();
        process.close();
    }
}
