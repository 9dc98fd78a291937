package io.tidemq.metrics;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheRegistryInPrometheusTextAfterRefreshing() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        try (ProcessMetrics metrics = new ProcessMetrics(); MetricsEndpoint endpoint = new MetricsEndpoint(metrics)) {
            Counter c = Counter.builder("tidemq.test.things").tag("kind", "a").register(metrics.registry());
            c.increment(3);
            endpoint.beforeScrape(refreshes::incrementAndGet);
            endpoint.beforeScrape(() -> {
                throw new IllegalStateException("one family broken");
            });
            endpoint.start("127.0.0.1", 0);
            HttpResponse<String> r = get("http://127.0.0.1:" + endpoint.port() + "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
            assertThat(r.body()).contains("tidemq_test_things_total{kind=\"a\"} 3.0");
            assertThat(r.body()).contains("jvm_memory_used_bytes").contains("jvm_gc_").contains("process_uptime_seconds");
            assertThat(refreshes).hasValue(1);
            assertThat(get("http://127.0.0.1:" + endpoint.port() + "/other").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTakenPortIsRefusedWithItsAddress() {
        try (ProcessMetrics metrics = new ProcessMetrics(); MetricsEndpoint first = new MetricsEndpoint(metrics);
             MetricsEndpoint second = new MetricsEndpoint(metrics)) {
            first.start("127.0.0.1", 0);
            assertThatThrownBy(() -> second.start("127.0.0.1", first.port()))
                    .hasMessageContaining("metricsPort=" + first.port());
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
