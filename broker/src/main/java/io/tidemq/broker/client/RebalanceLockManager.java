package io.tidemq.broker.client;

import io.tidemq.common.MonotonicClock;
import io.tidemq.common.protocol.body.MessageQueue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Queue locks for orderly consumption: one client per (group, queue), expiring when not renewed. Thread-safe. */
public final class RebalanceLockManager {
    private final long lockMaxLiveMillis = Long.getLong("rocketmq.broker.rebalance.lockMaxLiveTime", 60_000);
    private final ConcurrentHashMap<String, ConcurrentHashMap<MessageQueue, Lock>> table = new ConcurrentHashMap<>();

    private static final class Lock {
        final String clientId;
        volatile long lastUpdate;

        Lock(String clientId, long now) {
            this.clientId = clientId;
            this.lastUpdate = now;
        }
    }

    /** Takes free or expired locks and renews own ones; returns the queues the client now holds. */
    public synchronized Set<MessageQueue> tryLock(String group, Set<MessageQueue> mqs, String clientId) {
        long now = MonotonicClock.millis();
        Map<MessageQueue, Lock> locks = table.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        Set<MessageQueue> held = new HashSet<>();
        for (MessageQueue mq : mqs) {
            Lock lock = locks.get(mq);
            if (lock == null || lock.clientId.equals(clientId) || now - lock.lastUpdate > lockMaxLiveMillis) {
                locks.put(mq, new Lock(clientId, now));
                held.add(mq);
            }
        }
        return held;
    }

    public synchronized void unlock(String group, Set<MessageQueue> mqs, String clientId) {
        Map<MessageQueue, Lock> locks = table.get(group);
        if (locks == null) {
            return;
        }
        for (MessageQueue mq : mqs) {
            Lock lock = locks.get(mq);
            if (lock != null && lock.clientId.equals(clientId)) {
                locks.remove(mq);
            }
        }
    }
}
