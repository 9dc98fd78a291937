package io.tidemq.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Consume-queue housekeeping the admin requests ask for: deleting the queues of deleted or unused topics and of
 * queues whose messages all expired, and listing a queue's units. Serialized with dispatch, and with appends where
 * queue offset counters change.
 */
final class QueueMaintenance {
    private static final Set<String> NEVER_CLEANED = Set.of(DispatchRequest.SCHEDULE_TOPIC,
            "RMQ_SYS_TRANS_OP_HALF_TOPIC");

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final ReputDispatcher dispatcher;

    QueueMaintenance(CommitLog commitLog, ConsumeQueueTable queues, ReputDispatcher dispatcher) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.dispatcher = dispatcher;
    }

    void cleanUnusedTopics(Set<String> keep) {
        Set<String> drop = new HashSet<>(queues.topics());
        drop.removeAll(keep);
        drop.removeAll(NEVER_CLEANED);
        if (!drop.isEmpty()) {
            deleteTopics(drop);
        }
    }

    void deleteTopics(Set<String> topics) {
        dispatcher.lock().lock();
        try {
            commitLog.putLock().lock();
            try {
                topics.forEach(commitLog.queueOffsets()::removeTopic);
            } finally {
                commitLog.putLock().unlock();
            }
            queues.deleteTopics(topics);
        } finally {
            dispatcher.lock().unlock();
        }
    }

    int cleanExpiredConsumeQueues() {
        long minPhy = commitLog.minOffset();
        int deleted = 0;
        dispatcher.lock().lock();
        try {
            for (ConsumeQueue cq : queues.all()) {
                if (DispatchRequest.SCHEDULE_TOPIC.equals(cq.topic()) || cq.maxOffset() == 0) {
                    continue; // a queue nothing was written to yet may just have been created
                }
                ConsumeQueue.Unit last = cq.unit(cq.maxOffset() - 1);
                if (last != null && last.phyOffset() + last.size() >= minPhy) {
                    continue; // its newest message is still in the CommitLog (a missing unit: its file expired)
                }
                commitLog.putLock().lock();
                try {
                    commitLog.queueOffsets().set(cq.topic(), cq.queueId(), 0);
                } finally {
                    commitLog.putLock().unlock();
                }
                queues.deleteQueue(cq.topic(), cq.queueId());
                deleted++;
            }
        } finally {
            dispatcher.lock().unlock();
        }
        return deleted;
    }

    QueueUnits queueUnits(String topic, int queueId, long index, int count) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null) {
            return null;
        }
        long min = cq.minOffset();
        long max = cq.maxOffset();
        List<QueueUnits.Unit> units = new ArrayList<>();
        for (long i = Math.max(index, min); i < max && i < index + count; i++) {
            ConsumeQueue.Unit u = cq.unit(i);
            if (u == null) {
                break;
            }
            units.add(new QueueUnits.Unit(i, u.phyOffset(), u.size(), u.tagsCode()));
        }
        return new QueueUnits(min, max, units);
    }
}
