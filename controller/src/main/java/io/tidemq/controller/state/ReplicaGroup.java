package io.tidemq.controller.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One broker group (a brokerName): its replicas, its current master (null while it has none) and master epoch, the
 * in-sync set with its epoch, and where each master epoch's log began. Immutable; changes make a new group.
 */
public record ReplicaGroup(String clusterName, String brokerName, Map<Long, Replica> replicas, Long masterBrokerId,
                           int masterEpoch, Set<Long> syncStateSet, int syncStateSetEpoch, List<EpochStart> epochs) {

    public ReplicaGroup {
        replicas = Collections.unmodifiableMap(new TreeMap<>(replicas));
        syncStateSet = Collections.unmodifiableSet(new TreeSet<>(syncStateSet));
        epochs = List.copyOf(epochs);
    }

    static ReplicaGroup empty(String clusterName, String brokerName) {
        return new ReplicaGroup(clusterName, brokerName, Map.of(), null, 0, Set.of(), 0, List.of());
    }

    public String masterAddress() {
        Replica m = masterBrokerId == null ? null : replicas.get(masterBrokerId);
        return m == null ? null : m.address();
    }

    /** Where the master's slaves replicate from, or null. */
    public String masterHaAddress() {
        Replica m = masterBrokerId == null ? null : replicas.get(masterBrokerId);
        return m == null ? null : m.haAddress();
    }

    public boolean hasMaster() {
        return masterBrokerId != null;
    }

    /** The epoch start recorded for {@code epoch}, or null. */
    public EpochStart epochStart(int epoch) {
        for (EpochStart e : epochs) {
            if (e.epoch() == epoch) {
                return e;
            }
        }
        return null;
    }

    /** The id after the highest one given (1 for a new group). */
    public long nextBrokerId() {
        long max = 0;
        for (long id : replicas.keySet()) {
            max = Math.max(max, id);
        }
        return max + 1;
    }

    ReplicaGroup withReplica(Replica r) {
        Map<Long, Replica> m = new TreeMap<>(replicas);
        m.put(r.brokerId(), r);
        return new ReplicaGroup(clusterName, brokerName, m, masterBrokerId, masterEpoch, syncStateSet,
                syncStateSetEpoch, epochs);
    }

    ReplicaGroup withMaster(Long newMaster, Set<Long> newSyncSet) {
        return new ReplicaGroup(clusterName, brokerName, replicas, newMaster, masterEpoch + 1, newSyncSet,
                syncStateSetEpoch + 1, epochs);
    }

    ReplicaGroup withSyncStateSet(Set<Long> newSet) {
        return new ReplicaGroup(clusterName, brokerName, replicas, masterBrokerId, masterEpoch, newSet,
                syncStateSetEpoch + 1, epochs);
    }

    ReplicaGroup withEpochStart(EpochStart start) {
        List<EpochStart> e = new ArrayList<>(epochs);
        e.add(start);
        return new ReplicaGroup(clusterName, brokerName, replicas, masterBrokerId, masterEpoch, syncStateSet,
                syncStateSetEpoch, e);
    }

    /** The group without {@code ids}; losing its master leaves it with none, in a new epoch. */
    ReplicaGroup without(Set<Long> ids) {
        Map<Long, Replica> m = new TreeMap<>(replicas);
        m.keySet().removeAll(ids);
        Set<Long> sync = new TreeSet<>(syncStateSet);
        boolean syncChanged = sync.removeAll(ids);
        boolean masterGone = masterBrokerId != null && ids.contains(masterBrokerId);
        return new ReplicaGroup(clusterName, brokerName, m, masterGone ? null : masterBrokerId,
                masterGone ? masterEpoch + 1 : masterEpoch, sync, syncChanged ? syncStateSetEpoch + 1
                : syncStateSetEpoch, epochs);
    }
}
