package io.tidemq.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The next queue offset of every topic and queue, assigned under the CommitLog lock (all methods must be called with
 * that lock held, or before the store starts). Small queue ids index an array per topic, so the hot path allocates
 * nothing; unusually large ids fall back to a map.
 */
final class QueueOffsetTable {
    private static final int ARRAY_LIMIT = 4096;

    private final Map<String, long[]> byTopic = new HashMap<>();
    private final Map<String, Long> large = new HashMap<>();

    long next(String topic, int queueId) {
        if (queueId >= ARRAY_LIMIT) {
            return large.getOrDefault(topic + '-' + queueId, 0L);
        }
        long[] a = byTopic.get(topic);
        return a == null || queueId >= a.length ? 0 : a[queueId];
    }

    void set(String topic, int queueId, long next) {
        if (queueId >= ARRAY_LIMIT) {
            large.put(topic + '-' + queueId, next);
            return;
        }
        long[] a = byTopic.get(topic);
        if (a == null || queueId >= a.length) {
            long[] grown = new long[Math.max(queueId + 1, a == null ? 8 : Math.min(ARRAY_LIMIT, a.length * 2))];
            if (a != null) {
                System.arraycopy(a, 0, grown, 0, a.length);
            }
            byTopic.put(topic, grown);
            a = grown;
        }
        a[queueId] = next;
    }

    void advance(String topic, int queueId, int n) {
        set(topic, queueId, next(topic, queueId) + n);
    }

    void removeTopic(String topic) {
        byTopic.remove(topic);
        large.keySet().removeIf(k -> k.startsWith(topic + '-') && k.substring(topic.length() + 1).chars()
                .allMatch(Character::isDigit));
    }

    void clear() {
        byTopic.clear();
        large.clear();
    }
}
