package io.tidemq.namesrv;

import io.tidemq.common.MonotonicClock;
import io.tidemq.common.protocol.body.KVTable;
import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.namesrv.config.NamesrvConfiguration;
import io.tidemq.namesrv.kv.KvConfigManager;
import io.tidemq.namesrv.processor.BrokerRegistrationProcessor;
import io.tidemq.namesrv.processor.KvConfigProcessor;
import io.tidemq.namesrv.processor.NamesrvConfigProcessor;
import io.tidemq.namesrv.processor.NamesrvProcessor;
import io.tidemq.namesrv.processor.RouteQueryProcessor;
import io.tidemq.namesrv.processor.TopicAdminProcessor;
import io.tidemq.namesrv.processor.UnsupportedRequestProcessor;
import io.tidemq.namesrv.route.BrokerHousekeepingService;
import io.tidemq.namesrv.route.RouteInfoManager;
import io.tidemq.remoting.netty.NettyRemotingServer;
import io.tidemq.remoting.netty.NettyServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One NameServer: route tables, KV config, the remoting server and the broker-expiry scan. Used by
 * {@link NamesrvStartup} and, in-process, by tests and the broker's standalone mode:
 *
 * <pre>{@code
 * NettyServerConfig net = new NettyServerConfig();
 * net.setListenPort(0);                 // any free port
 * net.setBindAddress("127.0.0.1");
 * NamesrvConfig cfg = new NamesrvConfig();
 * cfg.setKvConfigPath(dir.resolve("kvConfig.json").toString());
 * NamesrvController ns = new NamesrvController(cfg, net);
 * ns.start();
 * String addr = ns.address();           // "127.0.0.1:<port>"
 * ...
 * ns.shutdown();
 * }</pre>
 *
 * Thread-safe; {@link #start()} and {@link #shutdown()} may each be called once (shutdown is idempotent).
 */
public final class NamesrvController {
    private static final Logger log = LoggerFactory.getLogger(NamesrvController.class);
    private static final long KV_DUMP_PERIOD_MINUTES = 10;
    /** The KV config namespace holding the newest master epoch per broker name (controller mode). */
    public static final String MASTER_EPOCH_NAMESPACE = "TIDEMQ_MASTER_EPOCH";

    private final NamesrvConfig namesrvConfig;
    private final NettyServerConfig nettyServerConfig;
    private final NamesrvConfiguration configuration;
    private final RouteInfoManager routeInfoManager;
    private final KvConfigManager kvConfigManager;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "NamesrvScheduler");
        t.setDaemon(true);
        return t;
    });
    private NettyRemotingServer server;
    private NamesrvMetrics metrics;
    private boolean started;
    private boolean stopped;

    public NamesrvController(NamesrvConfig namesrvConfig, NettyServerConfig nettyServerConfig) {
        // broker liveness is a duration: a wall clock stepped forward must not expire every broker at once
        this(namesrvConfig, nettyServerConfig, MonotonicClock.asClock());
    }

    /** @param clock source of "now" for broker liveness (tests pass a fake one) */
    public NamesrvController(NamesrvConfig namesrvConfig, NettyServerConfig nettyServerConfig, Clock clock) {
        this.namesrvConfig = namesrvConfig;
        this.nettyServerConfig = nettyServerConfig;
        this.configuration = new NamesrvConfiguration(namesrvConfig, nettyServerConfig);
        this.routeInfoManager = new RouteInfoManager(clock, namesrvConfig.getBrokerChannelExpiredTime());
        this.kvConfigManager = new KvConfigManager(Path.of(namesrvConfig.getKvConfigPath()));
    }

    private void recordMasterEpoch(String brokerName, int epoch) {
        try {
            kvConfigManager.put(MASTER_EPOCH_NAMESPACE, brokerName, Integer.toString(epoch));
        } catch (RuntimeException e) {
            // the route keeps it in memory; only a restart of this NameServer before the next epoch forgets it
            log.warn("master epoch {} of {} not written to the KV config: {}", epoch, brokerName, e.toString());
        }
    }

    /** The newest master epoch per broker name, as recorded in the KV config by an earlier run. */
    private Map<String, Integer> recordedMasterEpochs() {
        Map<String, Integer> out = new HashMap<>();
        KVTable t = kvConfigManager.namespace(MASTER_EPOCH_NAMESPACE);
        if (t != null) {
            t.table.forEach((name, epoch) -> {
                try {
                    out.put(name, Integer.parseInt(epoch.trim()));
                } catch (NumberFormatException e) {
                    log.warn("ignored master epoch {}={} in the KV config: not a number", name, epoch);
                }
            });
        }
        return out;
    }

    /**
     * Loads the KV config, binds the port and starts serving.
     *
     * @throws IllegalStateException if the KV config file is unreadable or the server cannot start (e.g. the port
     *                               is taken); nothing is left running in that case
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("NameServer already started");
        }
        started = true;
        kvConfigManager.load();
        routeInfoManager.masterEpochs().remember(recordedMasterEpochs(), this::recordMasterEpoch);
        kvConfigManager.onDelete((namespace, brokerName) -> {
            if (MASTER_EPOCH_NAMESPACE.equals(namespace)) {
                routeInfoManager.masterEpochs().forget(brokerName);
            }
        });
        server = new NettyRemotingServer(nettyServerConfig, new BrokerHousekeepingService(routeInfoManager));
        for (NamesrvProcessor p : processors()) {
            for (int code : p.codes()) {
                server.registerProcessor(code, p, null);
            }
        }
        server.registerDefaultProcessor(new UnsupportedRequestProcessor(), null);
        int metricsPort = namesrvConfig.effectiveMetricsPort(nettyServerConfig.getListenPort());
        try {
            if (metricsPort > 0) {
                metrics = new NamesrvMetrics(routeInfoManager);
                server.registerRpcHook(metrics.requestCounter());
                metrics.start(nettyServerConfig.getBindAddress(), metricsPort);
            }
            server.start();
        } catch (RuntimeException e) {
            shutdown();
            throw new IllegalStateException("cannot start the NameServer on port " + nettyServerConfig.getListenPort()
                    + ": " + e.getMessage(), e);
        }
        long scanEvery = namesrvConfig.getScanNotActiveBrokerInterval();
        scheduler.scheduleAtFixedRate(this::scanNotActiveBrokers, Math.min(5_000, scanEvery), scanEvery,
                TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::logKvConfig, 1, KV_DUMP_PERIOD_MINUTES, TimeUnit.MINUTES);
        log.info("NameServer listening on port {}", port());
    }

    /** Stops serving and the background tasks. Safe to call more than once, and after a failed start. */
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        scheduler.shutdownNow();
        if (server != null) {
            server.shutdown();
        }
        if (metrics != null) {
            metrics.close();
        }
        log.info("NameServer stopped");
    }

    /** The port /metrics is served on; 0 when metrics are off. */
    public int metricsPort() {
        return metrics == null ? 0 : metrics.port();
    }

    /** The port actually bound (useful when configured with 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("NameServer not started");
        }
        return server.localPort();
    }

    /** {@code host:port} to give clients and brokers: the bind address, or 127.0.0.1 when bound to all addresses. */
    public String address() {
        String host = nettyServerConfig.getBindAddress();
        if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return host + ":" + port();
    }

    private List<NamesrvProcessor> processors() {
        return List.of(
                new BrokerRegistrationProcessor(routeInfoManager, kvConfigManager),
                new RouteQueryProcessor(routeInfoManager, kvConfigManager, namesrvConfig),
                new KvConfigProcessor(kvConfigManager),
                new TopicAdminProcessor(routeInfoManager),
                new NamesrvConfigProcessor(configuration));
    }

    private void scanNotActiveBrokers() {
        try {
            routeInfoManager.scanNotActiveBrokers();
        } catch (RuntimeException e) {
            log.error("broker expiry scan failed", e);
        }
    }

    private void logKvConfig() {
        try {
            kvConfigManager.snapshot().forEach((ns, table) ->
                    table.forEach((k, v) -> log.info("KV config {} {}={}", ns, k, v)));
        } catch (RuntimeException e) {
            log.error("KV config dump failed", e);
        }
    }

    public NamesrvConfig namesrvConfig() {
        return namesrvConfig;
    }

    public NettyServerConfig nettyServerConfig() {
        return nettyServerConfig;
    }

    public NamesrvConfiguration configuration() {
        return configuration;
    }

    public RouteInfoManager routeInfoManager() {
        return routeInfoManager;
    }

    public KvConfigManager kvConfigManager() {
        return kvConfigManager;
    }
}
