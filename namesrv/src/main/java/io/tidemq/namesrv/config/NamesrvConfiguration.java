package io.tidemq.namesrv.config;

import io.tidemq.config.ConfigBinder;
import io.tidemq.config.ConfigException;
import io.tidemq.config.PropertiesFileEditor;
import io.tidemq.remoting.netty.NettyServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NameServer's live settings (NamesrvConfig + NettyServerConfig) seen as one property set: the text of
 * GET_NAMESRV_CONFIG and {@code -p}, and checked updates from UPDATE_NAMESRV_CONFIG persisted to configStorePath.
 * Thread-safe (synchronized); settings that only matter at start-up (ports, threads) are refused at runtime.
 */
public final class NamesrvConfiguration {
    /**
     * Keys a remote client may not change: they name files the NameServer writes or reads, and letting any client
     * point them elsewhere would let it write files anywhere (the fix Apache RocketMQ later made as well).
     */
    public static final Set<String> NOT_REMOTELY_UPDATABLE = Set.of("configStorePath", "kvConfigPath", "rocketmqHome");

    private final NamesrvConfig namesrvConfig;
    private final NettyServerConfig nettyServerConfig;
    private final ConfigBinder binder;

    public NamesrvConfiguration(NamesrvConfig namesrvConfig, NettyServerConfig nettyServerConfig) {
        this.namesrvConfig = namesrvConfig;
        this.nettyServerConfig = nettyServerConfig;
        this.binder = new ConfigBinder(namesrvConfig, nettyServerConfig);
    }

    /** Every setting as {@code key=value} lines. */
    public synchronized String toText() {
        return binder.toText(false);
    }

    /**
     * All or nothing: every entry is checked first (unknown key, bad value, a key in {@link #NOT_REMOTELY_UPDATABLE},
     * a key that cannot change while the NameServer runs); a {@link ConfigException} names each problem and nothing
     * changes. Then the changed keys are applied and written into configStorePath, keeping the rest of that file.
     *
     * @return the keys whose value changed
     * @throws UncheckedIOException if the new settings are applied but cannot be written to disk
     */
    public synchronized List<String> updateRemotely(Properties props) {
        ConfigBinder trial = new ConfigBinder(new NamesrvConfig(), new NettyServerConfig());
        binder.copyInto(trial);
        Map<String, String> changes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String rawKey : new TreeSet<>(props.stringPropertyNames())) {
            String key = rawKey.trim();
            ConfigBinder.KeyInfo info = binder.info(key);
            if (info == null) {
                problems.add(binder.unknownKeyMessage(key));
                continue;
            }
            if (NOT_REMOTELY_UPDATABLE.contains(key)) {
                problems.add("config key '" + key + "' cannot be changed remotely");
                continue;
            }
            try {
                trial.set(key, props.getProperty(rawKey));
            } catch (ConfigException e) {
                problems.add(e.getMessage());
                continue;
            }
            String value = trial.get(key);
            if (Objects.equals(value, binder.get(key))) {
                continue;
            }
            if (!info.meta().live() && info.hasEffect()) {
                problems.add("config key '" + key + "' cannot change while the NameServer runs; set it in its "
                        + "config file and restart");
            } else {
                changes.put(key, value);
            }
        }
        ConfigException.throwIfAny(problems);
        changes.forEach(binder::set);
        if (!changes.isEmpty()) {
            Path file = Path.of(namesrvConfig.getConfigStorePath());
            try {
                PropertiesFileEditor.update(file, changes);
            } catch (IOException e) {
                throw new UncheckedIOException("settings applied but not saved to " + file + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(changes.keySet());
    }

    public NamesrvConfig namesrvConfig() {
        return namesrvConfig;
    }

    public NettyServerConfig nettyServerConfig() {
        return nettyServerConfig;
    }
}
