package io.tidemq.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/**
 * The registry of one server process: Prometheus-backed, with the JVM's memory, GC, thread, class-loading, CPU,
 * uptime and file-descriptor meters bound, and tagged with what tells processes apart in one Prometheus.
 */
public final class ProcessMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ProcessMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The registry's contents in Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Histogram buckets for a latency timer: Micrometer's percentile histogram, bounded to what a broker can see
     * (below 50 µs is noise, above 30 s is a timeout elsewhere), so a few dozen buckets per series.
     */
    public static Duration[] latencyRange() {
        return new Duration[] {Duration.ofNanos(50_000), Duration.ofSeconds(30)};
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
