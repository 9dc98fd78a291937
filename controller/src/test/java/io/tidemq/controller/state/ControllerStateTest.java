package io.tidemq.controller.state;

import io.tidemq.common.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerStateTest {
    private final ControllerState state = new ControllerState();

    private long apply(String code, long wanted) {
        CommandResult r = state.apply(new ControllerCommand.ApplyBrokerId("c", "b", wanted, code, "h:" + code));
        assertThat(r.succeeded()).as(r.remark()).isTrue();
        return r.brokerId();
    }

    @Test
    void forgettingReplicasDropsThemFromTheGroupAndAForgottenMasterLeavesNoMaster() {
        long a = apply("a", -1);
        long b = apply("b", -1);
        long c = apply("c", -1);
        assertThat(state.apply(new ControllerCommand.ElectMaster("b", 0, a)).succeeded()).isTrue();
        ReplicaGroup before = state.group("b");
        assertThat(state.apply(new ControllerCommand.AlterSyncStateSet("b", a, before.masterEpoch(),
                before.syncStateSetEpoch(), Set.of(a, b, c))).succeeded()).isTrue();

        CommandResult unknown = state.apply(new ControllerCommand.ForgetReplicas("b", Set.of(9L)));
        assertThat(unknown.code()).isEqualTo(ResponseCode.CONTROLLER_INVALID_REQUEST);
        assertThat(state.group("b").replicas()).containsOnlyKeys(a, b, c);

        assertThat(state.apply(new ControllerCommand.ForgetReplicas("b", Set.of(c))).succeeded()).isTrue();
        ReplicaGroup withoutC = state.group("b");
        assertThat(withoutC.replicas()).containsOnlyKeys(a, b);
        assertThat(withoutC.syncStateSet()).containsExactlyInAnyOrder(a, b);
        assertThat(withoutC.masterBrokerId()).isEqualTo(a);
        assertThat(withoutC.masterEpoch()).isEqualTo(before.masterEpoch());

        assertThat(state.apply(new ControllerCommand.ForgetReplicas("b", Set.of(a))).succeeded()).isTrue();
        ReplicaGroup withoutMaster = state.group("b");
        assertThat(withoutMaster.masterBrokerId()).isNull();
        assertThat(withoutMaster.masterEpoch()).isEqualTo(before.masterEpoch() + 1);
        assertThat(withoutMaster.syncStateSet()).containsExactly(b);

        assertThat(state.apply(new ControllerCommand.ForgetReplicas("b", Set.of())).succeeded()).isTrue();
        assertThat(state.group("b")).isNull();
        assertThat(state.apply(new ControllerCommand.ForgetReplicas("b", Set.of())).code())
                .isEqualTo(ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST);
    }

    @Test
    void idsAreGivenInOrderAndTheSameCodeGetsItsIdBack() {
        assertThat(apply("one", -1)).isEqualTo(1);
        assertThat(apply("two", -1)).isEqualTo(2);
        assertThat(apply("one", -1)).isEqualTo(1);
        assertThat(state.group("b").replicas()).containsOnlyKeys(1L, 2L);
    }

    @Test
    void anIdHeldByAnotherBrokerIsRefused() {
        apply("one", 5);
        CommandResult r = state.apply(new ControllerCommand.ApplyBrokerId("c", "b", 5, "other", "h:2"));
        assertThat(r.code()).isEqualTo(ResponseCode.CONTROLLER_BROKER_ID_INVALID);
        assertThat(state.group("b").replicas()).containsOnlyKeys(5L);
    }

    @Test
    void registrationNeedsAnAppliedIdAndRecordsBothAddresses() {
        CommandResult unknown = state.apply(new ControllerCommand.RegisterBroker("c", "b", 3, "h:1", "h:2"));
        assertThat(unknown.code()).isEqualTo(ResponseCode.CONTROLLER_BROKER_NEED_TO_BE_REGISTERED);
        long id = apply("one", -1);
        assertThat(state.apply(new ControllerCommand.RegisterBroker("c", "b", id, "h:10911", "h:10912"))
                .succeeded()).isTrue();
        assertThat(state.group("b").replicas().get(id).haAddress()).isEqualTo("h:10912");
    }

    @Test
    void anElectionBumpsTheEpochAndOnlyTheExpectedEpochMayElect() {
        long a = apply("a", -1);
        long b = apply("b", -1);
        assertThat(state.apply(new ControllerCommand.ElectMaster("b", 0, a)).succeeded()).isTrue();
        ReplicaGroup g = state.group("b");
        assertThat(g.masterBrokerId()).isEqualTo(a);
        assertThat(g.masterEpoch()).isEqualTo(1);
        assertThat(g.syncStateSet()).containsExactly(a);
        // a second controller decision based on epoch 0 comes too late
        CommandResult stale = state.apply(new ControllerCommand.ElectMaster("b", 0, b));
        assertThat(stale.code()).isEqualTo(ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH);
        assertThat(state.group("b").masterBrokerId()).isEqualTo(a);
    }

    @Test
    void theInSyncSetChangesOnlyFromItsMasterInItsEpochsAndMustHoldTheMaster() {
        long a = apply("a", -1);
        long b = apply("b", -1);
        state.apply(new ControllerCommand.ElectMaster("b", 0, a));
        int setEpoch = state.group("b").syncStateSetEpoch();
        assertThat(state.apply(new ControllerCommand.AlterSyncStateSet("b", b, 1, setEpoch, Set.of(a, b))).code())
                .isEqualTo(ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH);
        assertThat(state.apply(new ControllerCommand.AlterSyncStateSet("b", a, 1, setEpoch + 7, Set.of(a, b))).code())
                .isEqualTo(ResponseCode.CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH);
        assertThat(state.apply(new ControllerCommand.AlterSyncStateSet("b", a, 1, setEpoch, Set.of(b))).code())
                .isEqualTo(ResponseCode.CONTROLLER_INVALID_REPLICAS);
        assertThat(state.apply(new ControllerCommand.AlterSyncStateSet("b", a, 1, setEpoch, Set.of(a, 9L))).code())
                .isEqualTo(ResponseCode.CONTROLLER_INVALID_REPLICAS);
        assertThat(state.apply(new ControllerCommand.AlterSyncStateSet("b", a, 1, setEpoch, Set.of(a, b)))
                .succeeded()).isTrue();
        assertThat(state.group("b").syncStateSet()).containsExactly(a, b);
        assertThat(state.group("b").syncStateSetEpoch()).isEqualTo(setEpoch + 1);
    }

    @Test
    void anEpochStartIsRecordedOnceByItsMaster() {
        long a = apply("a", -1);
        long b = apply("b", -1);
        state.apply(new ControllerCommand.ElectMaster("b", 0, a));
        assertThat(state.apply(new ControllerCommand.RecordEpochStart("b", b, 1, 100)).succeeded()).isFalse();
        assertThat(state.apply(new ControllerCommand.RecordEpochStart("b", a, 1, 100)).succeeded()).isTrue();
        assertThat(state.apply(new ControllerCommand.RecordEpochStart("b", a, 1, 100)).succeeded()).isTrue();
        assertThat(state.apply(new ControllerCommand.RecordEpochStart("b", a, 1, 200)).succeeded()).isFalse();
        state.apply(new ControllerCommand.ElectMaster("b", 1, b));
        state.apply(new ControllerCommand.RecordEpochStart("b", b, 2, 5000));
        assertThat(state.group("b").epochs()).containsExactly(new EpochStart(1, 100), new EpochStart(2, 5000));
    }

    @Test
    void refusedCommandsChangeNothing() {
        apply("a", -1);
        ReplicaGroup before = state.group("b");
        state.apply(new ControllerCommand.ElectMaster("b", 3, 1L));
        state.apply(new ControllerCommand.ElectMaster("b", 0, 42L));
        state.apply(new ControllerCommand.ElectMaster("nope", 0, 1L));
        assertThat(state.group("b")).isEqualTo(before);
        assertThat(state.group("nope")).isNull();
    }
}
