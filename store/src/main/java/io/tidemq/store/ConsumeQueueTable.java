package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every consume queue, by topic and queue id, under {@code consumequeue/TOPIC/QUEUEID/}. Look-ups are lock-free;
 * queues are created by the dispatcher.
 */
final class ConsumeQueueTable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueueTable.class);

    private final File root;
    private final int fileSize;
    private final ConcurrentMap<String, ConcurrentMap<Integer, ConsumeQueue>> table = new ConcurrentHashMap<>();

    ConsumeQueueTable(File root, int fileSize) {
        this.root = root;
        this.fileSize = fileSize;
    }

    File root() {
        return root;
    }

    /** Maps every queue found on disk. */
    void load() throws IOException {
        File[] topics = root.listFiles(File::isDirectory);
        if (topics == null) {
            return;
        }
        for (File t : topics) {
            File[] queues = t.listFiles(f -> f.isDirectory() && f.getName().chars().allMatch(Character::isDigit)
                    && !f.getName().isEmpty() && f.getName().length() < 10);
            if (queues == null) {
                continue;
            }
            for (File q : queues) {
                ConsumeQueue cq = new ConsumeQueue(t.getName(), Integer.parseInt(q.getName()), q, fileSize);
                cq.load();
                table.computeIfAbsent(t.getName(), k -> new ConcurrentHashMap<>()).put(cq.queueId(), cq);
            }
        }
    }

    ConsumeQueue find(String topic, int queueId) {
        ConcurrentMap<Integer, ConsumeQueue> m = table.get(topic);
        return m == null ? null : m.get(queueId);
    }

    ConsumeQueue findOrCreate(String topic, int queueId) {
        ConsumeQueue cq = find(topic, queueId);
        if (cq != null) {
            return cq;
        }
        return table.computeIfAbsent(topic, k -> new ConcurrentHashMap<>()).computeIfAbsent(queueId,
                id -> new ConsumeQueue(topic, id, new File(new File(root, topic), Integer.toString(id)), fileSize));
    }

    List<ConsumeQueue> all() {
        List<ConsumeQueue> out = new ArrayList<>();
        table.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    void recover(long truncatePhyOffset, boolean abnormal) throws IOException {
        for (ConsumeQueue cq : all()) {
            cq.recover(truncatePhyOffset, abnormal);
        }
    }

    /** The furthest CommitLog end any queue points at, -1 when all are empty. */
    long maxPhysicEnd() {
        long max = -1;
        for (ConsumeQueue cq : all()) {
            max = Math.max(max, cq.maxPhysicOffset());
        }
        return max;
    }

    /** Runtime truncation (dispatch stopped): drops units pointing at or past {@code phyOffset}. */
    void truncateFrom(long phyOffset) throws IOException {
        for (ConsumeQueue cq : all()) {
            cq.truncateFrom(phyOffset);
        }
    }

    void flushAll() {
        for (ConsumeQueue cq : all()) {
            cq.flush();
        }
    }

    void correctMinOffsets(long minPhyOffset) {
        for (ConsumeQueue cq : all()) {
            cq.correctMinOffset(minPhyOffset);
        }
    }

    /** Retention: deletes queue files whose data is gone and moves min offsets forward. */
    int deleteExpired(long minPhyOffset) {
        int n = 0;
        for (ConsumeQueue cq : all()) {
            n += cq.deleteExpiredFiles(minPhyOffset);
        }
        return n;
    }

    /** Removes and deletes one queue (and its topic's entry when it was the last). */
    void deleteQueue(String topic, int queueId) {
        ConcurrentMap<Integer, ConsumeQueue> m = table.get(topic);
        ConsumeQueue cq = m == null ? null : m.remove(queueId);
        if (cq != null) {
            cq.destroy();
            LOG.info("deleted expired consume queue {}@{}", queueId, topic);
        }
        if (m != null && m.isEmpty()) {
            table.remove(topic, m);
        }
    }

    /** Removes and deletes every queue of the topics. */
    void deleteTopics(Set<String> topics) {
        for (String t : topics) {
            ConcurrentMap<Integer, ConsumeQueue> m = table.remove(t);
            if (m != null) {
                m.values().forEach(ConsumeQueue::destroy);
                LOG.info("deleted the consume queues of topic {}", t);
            }
        }
    }

    Set<String> topics() {
        return table.keySet();
    }

    void close() {
        all().forEach(ConsumeQueue::close);
        table.clear();
    }

    void destroy() {
        all().forEach(ConsumeQueue::destroy);
        table.clear();
    }
}
