package io.tidemq.common.protocol.body;

import java.util.Set;
import java.util.TreeSet;

/** The in-sync replicas of one broker group (brokerIds, master included) and the epoch of that set; 5.x's body. */
public final class SyncStateSet {
    public Set<Long> syncStateSet = new TreeSet<>();
    public int syncStateSetEpoch;

    public SyncStateSet() {
    }

    public SyncStateSet(Set<Long> members, int epoch) {
        this.syncStateSet = new TreeSet<>(members);
        this.syncStateSetEpoch = epoch;
    }
}
