package io.tidemq.broker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tidemq.metrics.ProcessMetrics;
import io.tidemq.store.StoreLatencyListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The broker's own meters, measured where things happen rather than polled: latency histograms of puts, flushes,
 * slave acknowledgements and pulls, and requests refused per reason. Every meter carries the broker's cluster and
 * name, so the brokers of a cluster can share one Prometheus.
 */
public final class BrokerMetrics implements StoreLatencyListener {
    private final MeterRegistry registry;
    private final Timer putOk;
    private final Timer putFailed;
    private final Timer flush;
    private final Counter flushedBytes;
    private final Timer replicaAck;
    private final Timer pull;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    public BrokerMetrics(MeterRegistry registry, String cluster, String broker) {
        this.registry = registry;
        registry.config().commonTags("cluster", cluster, "broker", broker);
        Duration[] range = ProcessMetrics.latencyRange();
        putOk = latency("rocketmq.put.latency", "store puts, from arrival to acknowledgement (flush and slave waits "
                + "included)", range).tag("result", "ok").register(registry);
        putFailed = latency("rocketmq.put.latency", "store puts, from arrival to acknowledgement (flush and slave "
                + "waits included)", range).tag("result", "failed").register(registry);
        flush = latency("rocketmq.flush.latency", "commit-log flushes that wrote data", range).register(registry);
        flushedBytes = Counter.builder("rocketmq.flushed").baseUnit("bytes")
                .description("commit-log bytes flushed to disk").register(registry);
        replicaAck = latency("rocketmq.replication.ack.latency", "SYNC_MASTER: from a put's append to a slave's "
                + "acknowledgement", range).register(registry);
        pull = latency("rocketmq.pull.latency", "pulls answered with messages, from arrival to the response",
                range).register(registry);
    }

    private static Timer.Builder latency(String name, String description, Duration[] range) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(range[0]).maximumExpectedValue(range[1]);
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void putCompleted(long nanos, boolean ok) {
        (ok ? putOk : putFailed).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void flushed(long nanos, long bytes) {
        flush.record(nanos, TimeUnit.NANOSECONDS);
        flushedBytes.increment(bytes);
    }

    /** A SYNC_MASTER put's wait for its slave, settled (acknowledged, timed out or refused). */
    public void replicaAcknowledged(long nanos) {
        replicaAck.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void pullServed(long nanos) {
        pull.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A request refused for {@code reason} (busy, disk_full, acl, no_permission, flush_disk_timeout, ...): counted in
     * {@code rocketmq_requests_refused_total{reason}}.
     */
    public void refused(String reason) {
        refused.computeIfAbsent(reason, r -> Counter.builder("rocketmq.requests.refused")
                .description("requests refused, by reason").tags(Tags.of("reason", r)).register(registry))
                .increment();
    }
}
