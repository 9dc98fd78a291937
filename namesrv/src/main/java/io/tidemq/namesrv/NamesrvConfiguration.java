package io.tidemq.namesrv;

import io.tidemq.common.config.ConfigBinder;
import io.tidemq.common.config.ConfigException;
import io.tidemq.remoting.netty.NettyServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.Set;

/**
 * The NameServer's live settings (NamesrvConfig + NettyServerConfig) seen as one property set: the text of
 * GET_NAMESRV_CONFIG and {@code -p}, and validated updates from UPDATE_NAMESRV_CONFIG persisted to configStorePath.
 * Thread-safe (synchronized); settings that only matter at start-up (ports, threads) take effect on restart.
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
     * Validates every entry first (unknown key, bad value, or a key in {@link #NOT_REMOTELY_UPDATABLE} throws a
     * {@link ConfigException} naming it and nothing changes), then applies them all and persists the full set to
     * configStorePath.
     *
     * @throws UncheckedIOException if the new settings are applied but cannot be written to disk
     */
    public synchronized void updateRemotely(Properties props) {
        for (String key : props.stringPropertyNames()) {
            if (NOT_REMOTELY_UPDATABLE.contains(key.trim())) {
                throw new ConfigException("config key '" + key.trim() + "' cannot be changed remotely");
            }
        }
        new ConfigBinder(new NamesrvConfig(), new NettyServerConfig()).apply(props);
        binder.apply(props);
        persist();
    }

    private void persist() {
        Path file = Path.of(namesrvConfig.getConfigStorePath());
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, toText().getBytes(StandardCharsets.UTF_8));
            if (Files.exists(file)) {
                Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("settings applied but not saved to " + file + ": " + e.getMessage(), e);
        }
    }

    public NamesrvConfig namesrvConfig() {
        return namesrvConfig;
    }

    public NettyServerConfig nettyServerConfig() {
        return nettyServerConfig;
    }
}
