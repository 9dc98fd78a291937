package io.tidemq.broker.role;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

/**
 * What a broker in controller mode keeps across restarts, in {@code <storePathRootDir>/controllerIdentity}: the
 * code it applied for its brokerId with, the id given, and the newest master epoch its log follows (as master, or
 * replicated after the epoch-based cut). The file lives with the store: a new store is a new replica.
 */
public final class ControllerIdentity {
    private final Path file;
    private final String checkCode;
    private volatile long brokerId;
    private volatile long lastEpoch;

    private ControllerIdentity(Path file, String checkCode, long brokerId, long lastEpoch) {
        this.file = file;
        this.checkCode = checkCode;
        this.brokerId = brokerId;
        this.lastEpoch = lastEpoch;
    }

    /** Loads the identity, or makes a new one (no id yet) for a store that has none. */
    public static ControllerIdentity load(Path storeRoot, String brokerAddr) throws IOException {
        Path file = storeRoot.resolve("controllerIdentity");
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return new ControllerIdentity(file, p.getProperty("checkCode"),
                    Long.parseLong(p.getProperty("brokerId", "-1")), Long.parseLong(p.getProperty("lastEpoch", "0")));
        }
        // 5.x's check code is address;timestamp; a random part makes two stores on one address two replicas
        String code = brokerAddr + ";" + UUID.randomUUID();
        return new ControllerIdentity(file, code, -1, 0);
    }

    public String checkCode() {
        return checkCode;
    }

    public long brokerId() {
        return brokerId;
    }

    public long lastEpoch() {
        return lastEpoch;
    }

    public synchronized void brokerIdGiven(long id) throws IOException {
        brokerId = id;
        save();
    }

    public synchronized void following(long epoch) throws IOException {
        if (epoch != lastEpoch) {
            lastEpoch = epoch;
            save();
        }
    }

    private void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("checkCode", checkCode);
        p.setProperty("brokerId", String.valueOf(brokerId));
        p.setProperty("lastEpoch", String.valueOf(lastEpoch));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "TideMQ controller mode: this store's replica identity");
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
