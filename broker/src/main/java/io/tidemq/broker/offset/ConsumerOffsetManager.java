package io.tidemq.broker.offset;

import io.tidemq.broker.util.JsonConfigFile;
import io.tidemq.common.protocol.body.ConsumerOffsetSerializeWrapper;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Committed consumer offsets ("next offset to consume") per {@code topic@group} and queue, persisted to
 * config/consumerOffset.json by a periodic task. Thread-safe.
 */
public final class ConsumerOffsetManager {
    private static final String SEPARATOR = "@";

    private final JsonConfigFile<ConsumerOffsetSerializeWrapper> file;
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, Long>> table = new ConcurrentHashMap<>();
    /** Slave only: offsets consumers committed here that the master has not confirmed yet. */
    private final ConcurrentHashMap<Commit, Boolean> localCommits = new ConcurrentHashMap<>();

    /** One committed offset of a group on a queue. */
    public record Commit(String group, String topic, int queueId, long offset) {
    }

    public ConsumerOffsetManager(Path configDir) {
        this.file = new JsonConfigFile<>(configDir.resolve("consumerOffset.json"),
                ConsumerOffsetSerializeWrapper.class);
    }

    public void load() {
        ConsumerOffsetSerializeWrapper stored = file.load();
        if (stored != null) {
            table.putAll(stored.offsetTable);
        }
    }

    public void commit(String group, String topic, int queueId, long offset) {
        table.computeIfAbsent(topic + SEPARATOR + group, k -> new ConcurrentHashMap<>()).put(queueId, offset);
    }

    /** A commit received by a slave: kept locally and remembered until the master has it too. */
    public void commitOnSlave(String group, String topic, int queueId, long offset) {
        commit(group, topic, queueId, offset);
        localCommits.keySet().removeIf(c -> c.group.equals(group) && c.topic.equals(topic) && c.queueId == queueId);
        localCommits.put(new Commit(group, topic, queueId, offset), Boolean.TRUE);
    }

    /** Takes the slave-local commits to push to the master. */
    public java.util.List<Commit> drainLocalCommits() {
        java.util.List<Commit> out = new java.util.ArrayList<>(localCommits.keySet());
        out.forEach(localCommits::remove);
        return out;
    }

    /** Puts back a local commit the master did not take. */
    public void markLocalCommit(Commit c) {
        localCommits.putIfAbsent(c, Boolean.TRUE);
    }

    /** The committed offset, or -1 when none. */
    public long query(String group, String topic, int queueId) {
        Map<Integer, Long> m = table.get(topic + SEPARATOR + group);
        if (m == null) {
            return -1;
        }
        Long v = m.get(queueId);
        return v == null ? -1 : v;
    }

    /** queueId to offset of one group on one topic (empty when none). */
    public Map<Integer, Long> queryAll(String group, String topic) {
        Map<Integer, Long> m = table.get(topic + SEPARATOR + group);
        return m == null ? Map.of() : new HashMap<>(m);
    }

    /** Topics the group has committed offsets for. */
    public Set<String> topicsOf(String group) {
        Set<String> out = new HashSet<>();
        for (String key : table.keySet()) {
            int at = key.lastIndexOf(SEPARATOR);
            if (at > 0 && key.substring(at + 1).equals(group)) {
                out.add(key.substring(0, at));
            }
        }
        return out;
    }

    /** Every topic with committed offsets, with the groups that committed them. */
    public Map<String, Set<String>> groupsByTopic() {
        Map<String, Set<String>> out = new HashMap<>();
        for (String key : table.keySet()) {
            int at = key.lastIndexOf(SEPARATOR);
            if (at > 0) {
                out.computeIfAbsent(key.substring(0, at), t -> new HashSet<>()).add(key.substring(at + 1));
            }
        }
        return out;
    }

    /** Groups with committed offsets on the topic. */
    public Set<String> groupsOf(String topic) {
        Set<String> out = new HashSet<>();
        for (String key : table.keySet()) {
            int at = key.lastIndexOf(SEPARATOR);
            if (at > 0 && key.substring(0, at).equals(topic)) {
                out.add(key.substring(at + 1));
            }
        }
        return out;
    }

    public void removeGroup(String group) {
        table.keySet().removeIf(k -> k.endsWith(SEPARATOR + group));
    }

    public void removeTopic(String topic) {
        table.keySet().removeIf(k -> k.startsWith(topic + SEPARATOR));
    }

    public void cloneOffsets(String srcGroup, String destGroup, String topic) {
        Map<Integer, Long> src = table.get(topic + SEPARATOR + srcGroup);
        if (src != null) {
            table.put(topic + SEPARATOR + destGroup, new ConcurrentHashMap<>(src));
        }
    }

    public ConsumerOffsetSerializeWrapper snapshot() {
        ConsumerOffsetSerializeWrapper w = new ConsumerOffsetSerializeWrapper();
        table.forEach((k, v) -> w.offsetTable.put(k, new ConcurrentHashMap<>(v)));
        return w;
    }

    /** Merges a master's table (slave metadata sync): the master's values win, except unconfirmed local commits. */
    public void mergeFrom(ConsumerOffsetSerializeWrapper master) {
        master.offsetTable.forEach((k, v) -> {
            ConcurrentHashMap<Integer, Long> mine = table.computeIfAbsent(k, x -> new ConcurrentHashMap<>());
            int at = k.lastIndexOf(SEPARATOR);
            String topic = k.substring(0, at);
            String group = k.substring(at + 1);
            v.forEach((queueId, offset) -> {
                boolean pending = localCommits.keySet().stream().anyMatch(c -> c.group.equals(group)
                        && c.topic.equals(topic) && c.queueId == queueId);
                if (!pending) {
                    mine.put(queueId, offset);
                }
            });
        });
    }

    public void persist() {
        file.store(snapshot());
    }
}
