package io.tidemq.broker.config;

import io.tidemq.config.ConfigBinder;
import io.tidemq.config.ConfigException;
import io.tidemq.config.PropertiesFiles;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.remoting.netty.TlsConfig;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.MessageStoreConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The four typed config objects of a broker, bound from one property space: defaults, then the {@code -c} file,
 * then trailing {@code key=value} arguments, then {@code -n}. Each key has one home among the four objects (the
 * binder refuses two); unknown keys, bad values and refused values are errors naming the key.
 */
public final class BrokerConfiguration {
    /** The default metricsPort is listenPort plus this: clear of listenPort-2 .. listenPort+1 of this broker. */
    static final int METRICS_PORT_OFFSET = 6;

    public static final int DEFAULT_PORT = 10911;

    public final BrokerConfig broker = new BrokerConfig();
    public final NettyServerConfig server = new NettyServerConfig();
    public final NettyClientConfig client = new NettyClientConfig();
    public final MessageStoreConfig store = new MessageStoreConfig();
    public final ConfigBinder binder;
    /** Keys given by the file and the arguments, in the order first seen. */
    private final Set<String> givenKeys = new LinkedHashSet<>();
    private Path configFile;

    public BrokerConfiguration() {
        server.setListenPort(DEFAULT_PORT);
        binder = new ConfigBinder(broker, server, client, store);
    }

    /** Applies a properties file (all of its problems are reported at once) and remembers it for persistence. */
    public void applyFile(Path file) throws IOException {
        Properties props = PropertiesFiles.load(file);
        configFile = file;
        givenKeys.addAll(props.stringPropertyNames());
        binder.apply(props);
    }

    /** Applies one {@code key=value} argument. */
    public void applyOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("argument '" + override + "' is not an option nor key=value");
        }
        String key = override.substring(0, eq).trim();
        givenKeys.add(key);
        binder.set(key, override.substring(eq + 1));
    }

    /** The rules Apache applies after loading, the settings shared with the client side, then validation. */
    public void finish() {
        List<String> problems = new ArrayList<>();
        if (broker.controllerMode().isEnableControllerMode()) {
            // the controllers choose the role; every broker opens its store as a slave until they do
            store.setBrokerRole(io.tidemq.store.BrokerRole.SLAVE);
            broker.setBrokerId(Math.max(1, broker.getBrokerId()));
        } else if (store.getBrokerRole().isMaster()) {
            broker.setBrokerId(0);
        } else if (broker.getBrokerId() <= 0) {
            problems.add("Slave's brokerId must be > 0");
        }
        store.replication().setHaListenPort(server.getListenPort() + 1);
        if (server.getListenPort() <= 2 || server.getListenPort() > 65534) {
            problems.add("listenPort must be within 3..65534 (the broker also binds listenPort-2 and "
                    + "listenPort+1), got " + server.getListenPort());
        }
        try {
            server.requestBytesInFlightLimit();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (broker.getMetricsPort() == -1) {
            broker.setMetricsPort(server.getListenPort() + METRICS_PORT_OFFSET);
        }
        client.setWriteBufferHighWaterMark(server.getWriteBufferHighWaterMark());
        client.setWriteBufferLowWaterMark(server.getWriteBufferLowWaterMark());
        client.setFrameMaxLength(server.getFrameMaxLength());
        TlsConfig tls = TlsConfig.fromSystemProperties();
        problems.addAll(tls.problems());
        server.setTls(tls);
        client.setTls(tls);
        validateInto(problems);
        ConfigException.throwIfAny(problems);
    }

    /** Checks every object's own rules (no defaults derived): used to try a runtime change on a copy. */
    public void validate() {
        List<String> problems = new ArrayList<>();
        validateInto(problems);
        ConfigException.throwIfAny(problems);
    }

    private void validateInto(List<String> problems) {
        for (Runnable check : List.<Runnable>of(broker::validate, store::validate)) {
            try {
                check.run();
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
    }

    /** A configuration with the same values, to try a change on before applying it. */
    public BrokerConfiguration copy() {
        BrokerConfiguration c = new BrokerConfiguration();
        binder.copyInto(c.binder);
        c.configFile = configFile;
        return c;
    }

    /** Keys given in the file or as arguments that are accepted but have no effect here. */
    public List<String> noEffectKeysGiven() {
        return binder.noEffectKeys(givenKeys);
    }

    /**
     * Where runtime changes are persisted: the {@code -c} file, or {@code <storePathRootDir>/config/broker.properties}
     * when the broker was started without one (Apache's default location).
     */
    public Path persistenceFile() {
        return configFile != null ? configFile
                : Path.of(BrokerConfig.configDir(store.getStorePathRootDir()), "broker.properties");
    }

    public boolean isSlave() {
        return store.getBrokerRole() == BrokerRole.SLAVE;
    }
}
