package io.tidemq.broker.util;

import io.tidemq.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One JSON table on disk (topics.json, consumerOffset.json, ...). Writes go to {@code file.tmp}, the previous
 * content is kept as {@code file.bak}, then the temp file replaces the original, so a crash mid-write never loses
 * the table; loading falls back to the backup when the main file is missing or unreadable.
 */
public final class JsonConfigFile<T> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonConfigFile.class);

    private final Path path;
    private final Class<T> type;

    public JsonConfigFile(Path path, Class<T> type) {
        this.path = path;
        this.type = type;
    }

    public Path path() {
        return path;
    }

    /** The stored table, the backup if the file is damaged, or null when neither exists or parses. */
    public T load() {
        T value = read(path);
        if (value == null) {
            value = read(backup());
            if (value != null) {
                LOG.warn("{} unreadable, loaded its backup", path);
            }
        }
        return value;
    }

    /** Persists {@code value} atomically (see class comment). Synchronized: one writer at a time per file. */
    public synchronized void store(T value) {
        try {
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, Json.toPrettyString(value), StandardCharsets.UTF_8);
            if (Files.exists(path)) {
                Files.copy(path, backup(), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("cannot persist {}", path, e);
        }
    }

    private Path backup() {
        return path.resolveSibling(path.getFileName() + ".bak");
    }

    private T read(Path p) {
        if (!Files.exists(p)) {
            return null;
        }
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return null;
            }
            return Json.fromString(text, type);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot read {}: {}", p, e.getMessage());
            return null;
        }
    }
}
