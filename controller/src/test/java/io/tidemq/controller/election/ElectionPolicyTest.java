package io.tidemq.controller.election;

import io.tidemq.controller.state.Replica;
import io.tidemq.controller.state.ReplicaGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ElectionPolicyTest {
    private static final ReplicaGroup GROUP = new ReplicaGroup("c", "b", Map.of(
            1L, new Replica(1, "h1", "h1ha", "1"), 2L, new Replica(2, "h2", "h2ha", "2"),
            3L, new Replica(3, "h3", "h3ha", "3")), 1L, 4, Set.of(1L, 2L), 2, List.of());

    private static BrokerBeat beat(long id, int epoch, long offset, int priority) {
        return new BrokerBeat("c", "b", id, "h" + id, epoch, offset, offset, 3000, priority, null, 0);
    }

    @Test
    void onlyLiveInSyncReplicasOtherThanTheDeadMasterAreElected() {
        ElectionPolicy policy = new ElectionPolicy(false);
        List<BrokerBeat> beats = List.of(beat(1, 4, 900, 1), beat(2, 4, 800, 1), beat(3, 4, 1000, 1));
        assertThat(policy.choose(GROUP, beats, b -> true, 1L)).contains(2L);
        assertThat(policy.choose(GROUP, beats, b -> b.brokerId() != 2, 1L)).isEmpty();
    }

    @Test
    void uncleanElectionTakesTheMostAdvancedLiveReplica() {
        ElectionPolicy policy = new ElectionPolicy(true);
        List<BrokerBeat> beats = List.of(beat(2, 4, 800, 1), beat(3, 4, 1000, 1));
        assertThat(policy.choose(GROUP, beats, b -> true, 1L)).contains(3L);
    }

    @Test
    void epochThenOffsetThenPriorityThenId() {
        ReplicaGroup all = new ReplicaGroup("c", "b", GROUP.replicas(), null, 4, Set.of(1L, 2L, 3L), 2, List.of());
        ElectionPolicy policy = new ElectionPolicy(false);
        assertThat(policy.choose(all, List.of(beat(1, 3, 5000, 1), beat(2, 4, 10, 9)), b -> true, null)).contains(2L);
        assertThat(policy.choose(all, List.of(beat(1, 4, 50, 9), beat(2, 4, 10, 1)), b -> true, null)).contains(1L);
        assertThat(policy.choose(all, List.of(beat(1, 4, 10, 9), beat(2, 4, 10, 1)), b -> true, null)).contains(2L);
        assertThat(policy.choose(all, List.of(beat(3, 4, 10, 1), beat(2, 4, 10, 1)), b -> true, null)).contains(2L);
    }

    @Test
    void aGroupThatNeverHadAMasterMayElectAnyLiveReplica() {
        ReplicaGroup fresh = new ReplicaGroup("c", "b", GROUP.replicas(), null, 0, Set.of(), 0, List.of());
        assertThat(new ElectionPolicy(false).choose(fresh, List.of(beat(3, 0, 0, 1)), b -> true, null)).contains(3L);
        assertThat(new ElectionPolicy(false).eligible(fresh, 3)).isTrue();
        assertThat(new ElectionPolicy(false).eligible(GROUP, 3)).isFalse();
    }
}
