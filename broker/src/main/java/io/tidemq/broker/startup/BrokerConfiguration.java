package io.tidemq.broker.startup;

import io.tidemq.broker.BrokerConfig;
import io.tidemq.common.config.ConfigBinder;
import io.tidemq.common.config.ConfigException;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.MessageStoreConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The four typed config objects of a broker, bound from one property space: defaults, then the {@code -c} file,
 * then trailing {@code key=value} arguments, then {@code -n}. Unknown keys and bad values are errors naming the key.
 */
public final class BrokerConfiguration {
    public static final int DEFAULT_PORT = 10911;

    public final BrokerConfig broker = new BrokerConfig();
    public final NettyServerConfig server = new NettyServerConfig();
    public final NettyClientConfig client = new NettyClientConfig();
    public final MessageStoreConfig store = new MessageStoreConfig();
    public final ConfigBinder binder = new ConfigBinder(broker, server, client, store);

    public BrokerConfiguration() {
        server.setListenPort(DEFAULT_PORT);
    }

    /** Applies a properties file. */
    public void applyFile(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        binder.apply(props);
    }

    /** Applies one {@code key=value} argument. */
    public void applyOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("argument '" + override + "' is not an option nor key=value");
        }
        binder.set(override.substring(0, eq), override.substring(eq + 1));
    }

    /** The rules Apache applies after loading, then validation of every object. */
    public void finish() {
        if (store.getBrokerRole().isMaster()) {
            broker.setBrokerId(0);
        } else if (broker.getBrokerId() <= 0) {
            throw new ConfigException("Slave's brokerId must be > 0");
        }
        store.setHaListenPort(server.getListenPort() + 1);
        if (server.getListenPort() <= 2 || server.getListenPort() > 65534) {
            throw new ConfigException("listenPort must be within 3..65534 (the broker also binds listenPort-2 and "
                    + "listenPort+1), got " + server.getListenPort());
        }
        broker.validate();
        store.validate();
    }

    public boolean isSlave() {
        return store.getBrokerRole() == BrokerRole.SLAVE;
    }
}
