package io.tidemq.controller.raft;

import io.tidemq.controller.state.ControllerCommand;
import io.tidemq.controller.state.ControllerState;
import io.tidemq.controller.state.ReplicaGroup;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StateCodecTest {
    @Test
    void everyCommandAndAStateSurviveTheirJson() {
        ControllerCommand[] commands = {
                new ControllerCommand.ApplyBrokerId("c", "b", -1, "h:1;x", "h:1"),
                new ControllerCommand.RegisterBroker("c", "b", 1, "h:1", "h:2"),
                new ControllerCommand.ElectMaster("b", 0, 1L),
                new ControllerCommand.ElectMaster("b", 3, null),
                new ControllerCommand.AlterSyncStateSet("b", 1, 1, 1, Set.of(1L, 2L)),
                new ControllerCommand.RecordEpochStart("b", 1, 1, 4096)};
        ControllerState state = new ControllerState();
        for (ControllerCommand c : commands) {
            assertThat(StateCodec.command(StateCodec.command(c))).isEqualTo(c);
            state.apply(c);
        }
        Map<String, ReplicaGroup> groups = state.groups();
        assertThat(StateCodec.groups(StateCodec.groups(groups))).isEqualTo(groups);
    }
}
