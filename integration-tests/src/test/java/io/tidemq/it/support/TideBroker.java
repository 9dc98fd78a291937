package io.tidemq.it.support;

import io.tidemq.broker.BrokerController;
import io.tidemq.broker.config.BrokerConfiguration;
import io.tidemq.remoting.netty.TlsConfig;

import java.nio.file.Path;
import java.util.Map;

/**
 * Our broker running inside the test JVM on a free loopback port, store in a given directory. Settings are the
 * standard property keys, applied the way {@code mqbroker} applies trailing key=value arguments.
 */
public final class TideBroker implements AutoCloseable {
    private final BrokerController controller;
    private final BrokerConfiguration config;

    public TideBroker(String namesrvAddr, Path storeDir, Map<String, String> settings) {
        this("127.0.0.1", namesrvAddr, storeDir, settings);
    }

    public TideBroker(String host, String namesrvAddr, Path storeDir, Map<String, String> settings) {
        this(host, namesrvAddr, storeDir, settings, null);
    }

    /**
     * With {@code tls} in place of the TLS settings of this JVM's system properties (those a broker started with
     * the corresponding -Dtls.* options would have); null keeps them.
     */
    public TideBroker(String host, String namesrvAddr, Path storeDir, Map<String, String> settings, TlsConfig tls) {
        config = new BrokerConfiguration();
        config.applyOverride("brokerIP1=" + host);
        config.applyOverride("brokerIP2=" + host);
        config.applyOverride("bindAddress=" + host);
        config.applyOverride("listenPort=" + Ports.freeBrokerPort(host));
        config.applyOverride("storePathRootDir=" + storeDir);
        config.applyOverride("brokerName=broker-test");
        config.applyOverride("mappedFileSizeCommitLog=" + (8 * 1024 * 1024));
        config.applyOverride("mappedFileSizeConsumeQueue=" + (20 * 20_000));
        config.applyOverride("maxHashSlotNum=10000");
        config.applyOverride("maxIndexNum=40000");
        // tests that read /metrics ask for a port; the rest keep clear of port clashes
        config.applyOverride("metricsPort=0");
        if (namesrvAddr != null) {
            config.applyOverride("namesrvAddr=" + namesrvAddr);
        }
        settings.forEach((k, v) -> config.applyOverride(k + "=" + v));
        config.finish();
        if (tls != null) {
            config.server.setTls(tls);
            config.client.setTls(tls);
        }
        controller = new BrokerController(config);
        if (!controller.initialize()) {
            throw new IllegalStateException("broker failed to initialize");
        }
        try {
            controller.start();
        } catch (Exception e) {
            controller.shutdown();
            throw new IllegalStateException(e);
        }
    }

    public BrokerController controller() {
        return controller;
    }

    public String address() {
        return controller.brokerAddr();
    }

    public String brokerName() {
        return config.broker.getBrokerName();
    }

    @Override
    public void close() {
        controller.shutdown();
    }
}
