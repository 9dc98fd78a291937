package io.tidemq.namesrv.kv;

import io.tidemq.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The kvConfig.json file: {@code {"configTable":{"<namespace>":{"<key>":"<value>"}}}}, the format Apache RocketMQ
 * uses, so an existing file can be taken over. Writes go to {@code <file>.tmp}, the previous content is kept as
 * {@code <file>.bak}, then the temp file replaces the file, so a crash never leaves a half-written file behind.
 * Not thread-safe; the KvConfigManager serialises access.
 */
final class KvConfigFile {
    /** The JSON shape of the file. */
    static final class Content {
        public HashMap<String, HashMap<String, String>> configTable = new HashMap<>();
    }

    private final Path file;

    KvConfigFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * Reads the table; an absent file is an empty table. If the file cannot be parsed the backup is tried.
     *
     * @throws IllegalStateException when neither the file nor its backup can be read (never guess: a later write
     *                               would overwrite what the operator may still recover)
     */
    Map<String, HashMap<String, String>> load() {
        Path bak = sibling(".bak");
        if (!Files.exists(file) && !Files.exists(bak)) {
            return new HashMap<>();
        }
        try {
            return read(file);
        } catch (RuntimeException | IOException first) {
            if (Files.exists(bak)) {
                try {
                    return read(bak);
                } catch (RuntimeException | IOException ignored) {
                    // fall through to the error about the main file
                }
            }
            throw new IllegalStateException("cannot read KV config file " + file + ": " + first.getMessage(), first);
        }
    }

    void store(Map<String, HashMap<String, String>> table) {
        Content content = new Content();
        content.configTable.putAll(table);
        byte[] bytes = Json.toPrettyString(content).getBytes(StandardCharsets.UTF_8);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = sibling(".tmp");
            Files.write(tmp, bytes);
            if (Files.exists(file)) {
                Files.copy(file, sibling(".bak"), StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write KV config file " + file, e);
        }
    }

    private Map<String, HashMap<String, String>> read(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        if (bytes.length == 0) {
            return new HashMap<>();
        }
        Content content = Json.fromBytes(bytes, Content.class);
        return content == null || content.configTable == null ? new HashMap<>() : content.configTable;
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
