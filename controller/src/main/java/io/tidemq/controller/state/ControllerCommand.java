package io.tidemq.controller.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.Set;

/**
 * A change to one broker group, replicated through the Raft log. Each carries what its proposer expected (epochs,
 * the master) and is refused when the group has moved on, so two controllers or two brokers racing cannot undo
 * each other: the state machine is the only place a decision becomes true.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ControllerCommand.ApplyBrokerId.class, name = "applyBrokerId"),
        @JsonSubTypes.Type(value = ControllerCommand.RegisterBroker.class, name = "registerBroker"),
        @JsonSubTypes.Type(value = ControllerCommand.ElectMaster.class, name = "electMaster"),
        @JsonSubTypes.Type(value = ControllerCommand.AlterSyncStateSet.class, name = "alterSyncStateSet"),
        @JsonSubTypes.Type(value = ControllerCommand.RecordEpochStart.class, name = "recordEpochStart"),
        @JsonSubTypes.Type(value = ControllerCommand.ForgetReplicas.class, name = "forgetReplicas")})
public sealed interface ControllerCommand {
    String brokerName();

    /**
     * A broker asks for an id in its group: the one it already holds under {@code checkCode}, else
     * {@code requestedId} when free (-1 = the next free one).
     */
    record ApplyBrokerId(String clusterName, String brokerName, long requestedId, String checkCode, String address)
            implements ControllerCommand {
    }

    /** A broker with an id tells where it listens now (requests, and replication). */
    record RegisterBroker(String clusterName, String brokerName, long brokerId, String address, String haAddress)
            implements ControllerCommand {
    }

    /**
     * Makes {@code newMasterId} master (null: the group has none) if the master epoch is still
     * {@code expectedMasterEpoch}; the epoch goes up and the in-sync set becomes the new master alone.
     */
    record ElectMaster(String brokerName, int expectedMasterEpoch, Long newMasterId) implements ControllerCommand {
    }

    /** The master replaces the in-sync set, if it is still master in that epoch and the set's epoch matches. */
    record AlterSyncStateSet(String brokerName, long masterBrokerId, int masterEpoch, int expectedSyncStateSetEpoch,
                             Set<Long> newSet) implements ControllerCommand {
    }

    /** The master of {@code epoch} says where its log began, once, before it takes its first write. */
    record RecordEpochStart(String brokerName, long masterBrokerId, int epoch, long startOffset)
            implements ControllerCommand {
    }

    /**
     * An operator's cleanBrokerMetadata: the group forgets {@code brokerIds} (empty: the whole group goes). A
     * forgotten master leaves the group without one, in a new epoch, as a dead master no one may replace does.
     */
    record ForgetReplicas(String brokerName, Set<Long> brokerIds) implements ControllerCommand {
    }
}
