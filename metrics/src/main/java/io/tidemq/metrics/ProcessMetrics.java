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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The registry of one server process: Prometheus-backed, with the JVM's memory, GC, thread, class-loading, CPU,
 * uptime and file-descriptor meters bound, and tagged with what tells processes apart in one Prometheus.
 *
 * <p>The JVM meters are bound on a thread of their own: reaching the JVM's management beans the first time costs
 * a server tens of milliseconds of boot, and nothing but a scrape needs them, so a scrape waits until they are
 * bound and always sees them.
 */
public final class ProcessMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessMetrics.class);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final FutureTask<Void> jvmMeters = new FutureTask<>(this::bindJvmMeters, null);
    private volatile boolean bindingFailureLogged;

    public ProcessMetrics() {
        Thread t = new Thread(jvmMeters, "JvmMetersBinding");
        t.setDaemon(true);
        t.start();
    }

    private void bindJvmMeters() {
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

    /**
     * Waits until the JVM meters are in the registry; false if binding them failed (logged once), in which case
     * the registry serves the other meters.
     */
    public boolean awaitJvmMeters() {
        try {
            jvmMeters.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            if (!bindingFailureLogged) {
                bindingFailureLogged = true;
                LOG.warn("the JVM meters could not be bound; the other meters are served", e.getCause());
            }
            return false;
        }
    }

    /** The registry's contents in Prometheus text format 0.0.4, JVM meters included. */
    public String scrape() {
        awaitJvmMeters();
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
        // closing the GC meters before they were bound would leave their listeners registered
        awaitJvmMeters();
        gc.close();
        registry.close();
    }
}
