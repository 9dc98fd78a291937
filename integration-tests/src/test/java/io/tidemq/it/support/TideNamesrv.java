package io.tidemq.it.support;

import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.namesrv.NamesrvController;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.remoting.netty.TlsConfig;

import java.nio.file.Path;

/** Our NameServer running inside the test JVM on a free loopback port. */
public final class TideNamesrv implements AutoCloseable {
    private final NamesrvController controller;

    public TideNamesrv(Path dir) {
        this("127.0.0.1", dir);
    }

    public TideNamesrv(String host, Path dir) {
        this(host, dir, TlsConfig.DISABLED);
    }

    /** With the TLS settings a NameServer started with the corresponding -Dtls.* options would have. */
    public TideNamesrv(String host, Path dir, TlsConfig tls) {
        this(host, dir, tls, 0);
    }

    /** Serving /metrics on a free port (see {@link NamesrvController#metricsPort()}). */
    public static TideNamesrv withMetrics(Path dir) {
        return new TideNamesrv("127.0.0.1", dir, TlsConfig.DISABLED, Ports.free("127.0.0.1"));
    }

    /** Listening on {@code port} (a NameServer restarted at the address clients and brokers know). */
    public static TideNamesrv onPort(String host, int port, Path dir) {
        return new TideNamesrv(host, dir, TlsConfig.DISABLED, 0, port);
    }

    private TideNamesrv(String host, Path dir, TlsConfig tls, int metricsPort) {
        this(host, dir, tls, metricsPort, Ports.free(host));
    }

    private TideNamesrv(String host, Path dir, TlsConfig tls, int metricsPort, int port) {
        NamesrvConfig config = new NamesrvConfig();
        config.setMetricsPort(metricsPort);
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv.properties").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setBindAddress(host);
        server.setListenPort(port);
        server.setTls(tls);
        controller = new NamesrvController(config, server);
        controller.start();
    }

    /** {@code host:port} for clients and brokers. */
    public String address() {
        return controller.address();
    }

    public NamesrvController controller() {
        return controller;
    }

    @Override
    public void close() {
        controller.shutdown();
    }
}
