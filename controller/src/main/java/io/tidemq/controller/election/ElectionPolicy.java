package io.tidemq.controller.election;

import io.tidemq.controller.state.ReplicaGroup;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who becomes master: a live replica from the in-sync set (any live replica with unclean election, or in a group
 * that never had a master, whose in-sync set is still empty), the one
 * with the highest (epoch, max offset) first, then the best {@code brokerElectionPriority} (lower is better), then
 * the lower brokerId. Never {@code excluded} (the master being replaced).
 */
public final class ElectionPolicy {
    private static final Comparator<BrokerBeat> BEST_FIRST = Comparator
            .comparingInt(BrokerBeat::epoch).reversed()
            .thenComparing(Comparator.comparingLong(BrokerBeat::maxOffset).reversed())
            .thenComparingInt(BrokerBeat::electionPriority)
            .thenComparingLong(BrokerBeat::brokerId);

    private final boolean unclean;

    public ElectionPolicy(boolean unclean) {
        this.unclean = unclean;
    }

    /** The replica to elect among {@code beats}, or empty when none may be. */
    public Optional<Long> choose(ReplicaGroup group, List<BrokerBeat> beats, Predicate<BrokerBeat> alive,
                                 Long excluded) {
        return beats.stream()
                .filter(alive)
                .filter(b -> excluded == null || b.brokerId() != excluded)
                .filter(b -> eligible(group, b.brokerId()))
                .sorted(BEST_FIRST)
                .map(BrokerBeat::brokerId)
                .findFirst();
    }

    /** May {@code brokerId} be made master by name (mqadmin electMaster -i)? */
    public boolean eligible(ReplicaGroup group, long brokerId) {
        return group.replicas().containsKey(brokerId)
                && (unclean || group.syncStateSet().isEmpty() || group.syncStateSet().contains(brokerId));
    }
}
