package io.tidemq.namesrv.kv;

import io.tidemq.common.protocol.body.KVTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Namespaced key/value settings kept by the NameServer (protocol.md 3.7) and persisted to kvConfigPath after every
 * change. Namespace {@value #ORDER_TOPIC_CONFIG} holds {@code topic -> "brokerName:queues;..."} for ordered topics.
 * Thread-safe: every method is synchronized (changes are rare, reads are small).
 */
public final class KvConfigManager {
    /** The namespace of ordered-topic layouts, sent to brokers on registration and added to routes. */
    public static final String ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private static final Logger log = LoggerFactory.getLogger(KvConfigManager.class);

    private final KvConfigFile file;
    private final Map<String, HashMap<String, String>> configTable = new HashMap<>();
    /** Told (namespace, key) of every value deleted. */
    private volatile java.util.function.BiConsumer<String, String> onDelete = (namespace, key) -> { };

    public KvConfigManager(Path kvConfigPath) {
        this.file = new KvConfigFile(kvConfigPath);
    }

    /**
     * Loads the persisted table, replacing what is in memory.
     *
     * @throws IllegalStateException when the file exists but neither it nor its backup can be read
     */
    public synchronized void load() {
        configTable.clear();
        configTable.putAll(file.load());
        log.info("loaded {} KV namespaces from {}", configTable.size(), file.path());
    }

    /**
     * Sets a value and persists the table. If the file cannot be written the change is undone and the
     * {@link java.io.UncheckedIOException} propagates, so memory and disk never disagree.
     */
    public synchronized void put(String namespace, String key, String value) {
        boolean newNamespace = !configTable.containsKey(namespace);
        HashMap<String, String> table = configTable.computeIfAbsent(namespace, n -> new HashMap<>());
        boolean hadKey = table.containsKey(key);
        String previous = table.put(key, value);
        try {
            file.store(configTable);
        } catch (RuntimeException e) {
            if (newNamespace) {
                configTable.remove(namespace);
            } else if (hadKey) {
                table.put(key, previous);
            } else {
                table.remove(key);
            }
            throw e;
        }
        log.info("KV {} {}: {} -> {}", namespace, key, previous, value);
    }

    /** Removes a value (nothing happens if it is absent) and persists the table. */
    public synchronized void delete(String namespace, String key) {
        HashMap<String, String> table = configTable.get(namespace);
        if (table != null && table.containsKey(key)) {
            String previous = table.remove(key);
            try {
                file.store(configTable);
            } catch (RuntimeException e) {
                table.put(key, previous);
                throw e;
            }
            log.info("KV {} {}: deleted (was {})", namespace, key, previous);
            onDelete.accept(namespace, key);
        }
    }

    /** Whom to tell of each deleted value (a part of the NameServer that keeps a copy of a namespace). */
    public void onDelete(java.util.function.BiConsumer<String, String> listener) {
        this.onDelete = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** The value, or null. */
    public synchronized String get(String namespace, String key) {
        HashMap<String, String> table = configTable.get(namespace);
        return table == null ? null : table.get(key);
    }

    /** A copy of the namespace's table, or null when the namespace was never written. */
    public synchronized KVTable namespace(String namespace) {
        HashMap<String, String> table = configTable.get(namespace);
        return table == null ? null : new KVTable(table);
    }

    /** Everything, sorted, for the periodic dump in the log. */
    public synchronized Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        configTable.forEach((ns, table) -> out.put(ns, new TreeMap<>(table)));
        return out;
    }
}
