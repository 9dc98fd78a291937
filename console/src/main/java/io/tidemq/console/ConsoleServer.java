package io.tidemq.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The console's HTTP side: serves the pages (plain HTML and JavaScript from the jar) and the JSON API they call,
 * behind the login when one is configured. GET reads, POST changes; every change is an admin request to the
 * cluster.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final String STATIC = "/io/tidemq/console/static/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Api> gets = new HashMap<>();
    private final Map<String, Api> posts = new HashMap<>();
    private final ClusterAdmin cluster;
    private final HistorySampler history;
    private final LoginGuard login;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "console-http");
        t.setDaemon(true);
        return t;
    });

    private ConsoleServer(ConsoleConfig config) throws Exception {
        cluster = new ClusterAdmin(config);
        login = config.loginRequired() ? new LoginGuard(config.user(), config.password()) : null;
        ClusterApi clusterApi = new ClusterApi(cluster);
        TopicApi topics = new TopicApi(cluster);
        GroupApi groups = new GroupApi(cluster);
        MessageApi messages = new MessageApi(cluster);
        ProducerApi producers = new ProducerApi(cluster);
        ReplicationApi replication = new ReplicationApi(cluster);
        history = new HistorySampler(cluster, groups);
        gets.put("/api/cluster", clusterApi::overview);
        gets.put("/api/topics", topics::list);
        gets.put("/api/topic", topics::detail);
        posts.put("/api/topic", topics::createOrUpdate);
        posts.put("/api/topic/delete", topics::delete);
        gets.put("/api/groups", groups::list);
        gets.put("/api/group", groups::detail);
        posts.put("/api/group/reset-offset", groups::resetOffset);
        posts.put("/api/group/delete", groups::delete);
        gets.put("/api/message", messages::byId);
        gets.put("/api/messages/by-key", messages::byKey);
        gets.put("/api/messages/by-time", messages::byTime);
        posts.put("/api/message/resend", messages::resend);
        gets.put("/api/dlq", messages::deadLetters);
        gets.put("/api/producers", producers::connections);
        gets.put("/api/replication", replication::overview);
        gets.put("/api/controllers", new ControllerApi(cluster)::overview);
        gets.put("/api/history", history::series);
        gets.put("/api/session", r -> Map.of("login", login != null, "namesrv", cluster.namesrvAddr()));
        try {
            server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException("the console cannot listen on " + config.bindAddress() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::serve);
    }

    /** Connects to the cluster, starts sampling for the charts and listens. */
    public static ConsoleServer start(ConsoleConfig config) throws Exception {
        ConsoleServer s = new ConsoleServer(config);
        s.history.start(config.sampleSeconds());
        s.server.start();
        LOG.info("console listening on {}:{} for the cluster of {}", config.bindAddress(), s.port(),
                config.namesrvAddr());
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (path.equals("/login")) {
                handleLogin(exchange);
                return;
            }
            if (path.equals("/logout")) {
                if (login != null) {
                    login.logout(exchange);
                }
                redirect(exchange, "/login.html");
                return;
            }
            boolean open = path.equals("/login.html") || path.equals("/console.css");
            if (login != null && !open && !login.isLoggedIn(exchange)) {
                if (path.startsWith("/api/")) {
                    send(exchange, 401, TYPES.get("js"), error("log in first"));
                } else {
                    redirect(exchange, "/login.html");
                }
                return;
            }
            if (path.startsWith("/api/")) {
                handleApi(exchange, path);
            } else {
                handleStatic(exchange, path);
            }
        }
    }

    private void handleApi(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        Api api = "GET".equals(method) ? gets.get(path) : "POST".equals(method) ? posts.get(path) : null;
        if (api == null) {
            boolean known = gets.containsKey(path) || posts.containsKey(path);
            send(exchange, known ? 405 : 404, TYPES.get("js"), error(known ? method + " is not allowed on " + path
                    : "no API at " + path));
            return;
        }
        if ("POST".equals(method) && !sameOrigin(exchange)) {
            send(exchange, 403, TYPES.get("js"), error("cross-site request refused"));
            return;
        }
        try {
            Object result = api.handle(ApiRequest.of(exchange, json));
            send(exchange, 200, "application/json", json.writeValueAsBytes(result));
        } catch (ApiException e) {
            send(exchange, e.status(), "application/json", error(e.getMessage()));
        } catch (Exception e) {
            LOG.warn("{} {} failed: {}", method, path, ConsoleErrors.describe(e));
            send(exchange, 502, "application/json", error(ConsoleErrors.describe(e)));
        }
    }

    /** A POST from a page of another site would carry the session cookie; a browser names its origin. */
    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin == null || host == null || origin.endsWith("://" + host);
    }

    private void handleLogin(HttpExchange exchange) throws IOException {
        if (login == null) {
            redirect(exchange, "/");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            redirect(exchange, "/login.html");
            return;
        }
        Map<String, String> form = ApiRequest.parseQuery(new String(exchange.getRequestBody().readNBytes(8192),
                StandardCharsets.UTF_8));
        String session = login.login(form.get("user"), form.get("password"));
        if (session == null) {
            redirect(exchange, "/login.html?failed");
            return;
        }
        exchange.getResponseHeaders().add("Set-Cookie", LoginGuard.COOKIE + "=" + session
                + "; Path=/; HttpOnly; SameSite=Strict");
        redirect(exchange, "/");
    }

    private void handleStatic(HttpExchange exchange, String path) throws IOException {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (name.contains("..") || name.contains("/")) {
            send(exchange, 404, TYPES.get("html"), "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream(STATIC + name)) {
            if (in == null) {
                send(exchange, 404, TYPES.get("html"), "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            send(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
        }
    }

    private byte[] error(String message) {
        try {
            return json.writeValueAsBytes(Map.of("error", message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void redirect(HttpExchange exchange, String to) throws IOException {
        exchange.getResponseHeaders().set("Location", to);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        history.close();
        cluster.close();
    }
}
