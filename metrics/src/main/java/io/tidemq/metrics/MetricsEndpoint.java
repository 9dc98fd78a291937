package io.tidemq.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} (Prometheus text format) of one process on its own port, on one thread: a scrape
 * every few seconds needs no more, and a slow scraper cannot take threads from the server it measures.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ProcessMetrics metrics;
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    public MetricsEndpoint(ProcessMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs {@code refresh} before each scrape: for meters whose series come and go (one per topic, say). */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /**
     * Listens on {@code host:port} ({@code host} empty or null: every address). Fails with a message naming the
     * address when it cannot bind, so a wrong metricsPort stops start-up instead of leaving a blind server.
     */
    public void start(String host, int port) {
        InetSocketAddress address = host == null || host.isEmpty()
                ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics endpoint cannot listen on " + address + " (metricsPort="
                    + port + "): " + e.getMessage(), e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "MetricsEndpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", this::serve);
        server.createContext("/", this::notFound);
        server.start();
        LOG.info("metrics served at http://{}:{}/metrics", address.getHostString(), port());
    }

    /** The port listened on (the one chosen when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
                return;
            }
            for (Runnable r : beforeScrape) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // one failing family must not blind the others
                    LOG.warn("refreshing meters before a scrape failed", e);
                }
            }
            reply(exchange, 200, CONTENT_TYPE, metrics.scrape());
        }
    }

    private void notFound(HttpExchange exchange) throws IOException {
        try (exchange) {
            reply(exchange, 404, "text/plain; charset=utf-8", "metrics are at /metrics\n");
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
