package io.tidemq.controller.state;

import io.tidemq.common.protocol.ResponseCode;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every broker group the controllers know, changed only by {@link #apply}. Deterministic (no clock, no I/O), so
 * every controller that applies the same log holds the same state. Not thread-safe; the Raft state machine
 * serialises access.
 */
public final class ControllerState {
    private final Map<String, ReplicaGroup> groups = new TreeMap<>();

    public ControllerState() {
    }

    public ControllerState(Map<String, ReplicaGroup> groups) {
        this.groups.putAll(groups);
    }

    public Map<String, ReplicaGroup> groups() {
        return Map.copyOf(groups);
    }

    public ReplicaGroup group(String brokerName) {
        return groups.get(brokerName);
    }

    public CommandResult apply(ControllerCommand command) {
        if (command.brokerName() == null || command.brokerName().isBlank()) {
            return CommandResult.refused(ResponseCode.CONTROLLER_INVALID_REQUEST, "brokerName is required", null);
        }
        CommandResult result;
        if (command instanceof ControllerCommand.ApplyBrokerId c) {
            result = applyBrokerId(c);
        } else if (command instanceof ControllerCommand.RegisterBroker c) {
            result = register(c);
        } else if (command instanceof ControllerCommand.ElectMaster c) {
            result = elect(c);
        } else if (command instanceof ControllerCommand.AlterSyncStateSet c) {
            result = alterSyncStateSet(c);
        } else if (command instanceof ControllerCommand.ForgetReplicas c) {
            return forget(c);
        } else {
            result = recordEpochStart((ControllerCommand.RecordEpochStart) command);
        }
        if (result.succeeded() && result.group() != null) {
            groups.put(command.brokerName(), result.group());
        }
        return result;
    }

    private CommandResult applyBrokerId(ControllerCommand.ApplyBrokerId c) {
        ReplicaGroup g = groups.getOrDefault(c.brokerName(), ReplicaGroup.empty(c.clusterName(), c.brokerName()));
        for (Replica r : g.replicas().values()) {
            if (r.registerCheckCode() != null && r.registerCheckCode().equals(c.checkCode())) {
                ReplicaGroup moved = g.withReplica(new Replica(r.brokerId(), c.address(), r.haAddress(),
                        r.registerCheckCode()));
                return new CommandResult(ResponseCode.SUCCESS, null, moved, r.brokerId());
            }
        }
        long id = c.requestedId() > 0 ? c.requestedId() : g.nextBrokerId();
        if (g.replicas().containsKey(id)) {
            return CommandResult.refused(ResponseCode.CONTROLLER_BROKER_ID_INVALID,
                    "brokerId " + id + " of " + c.brokerName() + " belongs to another broker", g);
        }
        return new CommandResult(ResponseCode.SUCCESS, null,
                g.withReplica(new Replica(id, c.address(), null, c.checkCode())), id);
    }

    private CommandResult register(ControllerCommand.RegisterBroker c) {
        ReplicaGroup g = groups.get(c.brokerName());
        Replica r = g == null ? null : g.replicas().get(c.brokerId());
        if (r == null) {
            return CommandResult.refused(ResponseCode.CONTROLLER_BROKER_NEED_TO_BE_REGISTERED,
                    "brokerId " + c.brokerId() + " of " + c.brokerName() + " was never applied for", g);
        }
        if (c.address().equals(r.address()) && java.util.Objects.equals(c.haAddress(), r.haAddress())) {
            return CommandResult.ok(g);
        }
        return CommandResult.ok(g.withReplica(new Replica(r.brokerId(), c.address(), c.haAddress(),
                r.registerCheckCode())));
    }

    private CommandResult forget(ControllerCommand.ForgetReplicas c) {
        ReplicaGroup g = groups.get(c.brokerName());
        if (g == null) {
            return CommandResult.refused(ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST,
                    "no broker group " + c.brokerName(), null);
        }
        for (long id : c.brokerIds()) {
            if (!g.replicas().containsKey(id)) {
                return CommandResult.refused(ResponseCode.CONTROLLER_INVALID_REQUEST,
                        "brokerId " + id + " is not a replica of " + c.brokerName(), g);
            }
        }
        if (c.brokerIds().isEmpty() || c.brokerIds().containsAll(g.replicas().keySet())) {
            groups.remove(c.brokerName());
            return CommandResult.ok(null);
        }
        ReplicaGroup left = g.without(c.brokerIds());
        groups.put(c.brokerName(), left);
        return CommandResult.ok(left);
    }

    private CommandResult elect(ControllerCommand.ElectMaster c) {
        ReplicaGroup g = groups.get(c.brokerName());
        if (g == null) {
            return CommandResult.refused(ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST,
                    "no broker group " + c.brokerName(), null);
        }
        if (g.masterEpoch() != c.expectedMasterEpoch()) {
            return CommandResult.refused(ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH,
                    "master epoch is " + g.masterEpoch() + ", not " + c.expectedMasterEpoch(), g);
        }
        if (c.newMasterId() == null) {
            // no one may take over: the in-sync set stays as it was, so its members remain the only candidates
            return CommandResult.ok(new ReplicaGroup(g.clusterName(), g.brokerName(), g.replicas(), null,
                    g.masterEpoch() + 1, g.syncStateSet(), g.syncStateSetEpoch(), g.epochs()));
        }
        if (!g.replicas().containsKey(c.newMasterId())) {
            return CommandResult.refused(ResponseCode.CONTROLLER_INVALID_MASTER,
                    "brokerId " + c.newMasterId() + " is not a replica of " + c.brokerName(), g);
        }
        return CommandResult.ok(g.withMaster(c.newMasterId(), Set.of(c.newMasterId())));
    }

    private CommandResult alterSyncStateSet(ControllerCommand.AlterSyncStateSet c) {
        ReplicaGroup g = groups.get(c.brokerName());
        if (g == null) {
            return CommandResult.refused(ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST,
                    "no broker group " + c.brokerName(), null);
        }
        if (g.masterBrokerId() == null || g.masterBrokerId() != c.masterBrokerId()
                || g.masterEpoch() != c.masterEpoch()) {
            return CommandResult.refused(ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH, "brokerId "
                    + c.masterBrokerId() + " is not the master of epoch " + c.masterEpoch(), g);
        }
        if (g.syncStateSetEpoch() != c.expectedSyncStateSetEpoch()) {
            return CommandResult.refused(ResponseCode.CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH,
                    "in-sync set epoch is " + g.syncStateSetEpoch() + ", not " + c.expectedSyncStateSetEpoch(), g);
        }
        Set<Long> set = new TreeSet<>(c.newSet());
        if (!set.contains(c.masterBrokerId()) || !g.replicas().keySet().containsAll(set)) {
            return CommandResult.refused(ResponseCode.CONTROLLER_INVALID_REPLICAS,
                    "in-sync set " + set + " must hold the master and only replicas of " + c.brokerName(), g);
        }
        return CommandResult.ok(g.withSyncStateSet(set));
    }

    private CommandResult recordEpochStart(ControllerCommand.RecordEpochStart c) {
        ReplicaGroup g = groups.get(c.brokerName());
        if (g == null || g.masterBrokerId() == null || g.masterBrokerId() != c.masterBrokerId()
                || g.masterEpoch() != c.epoch()) {
            return CommandResult.refused(ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH, "brokerId "
                    + c.masterBrokerId() + " is not the master of epoch " + c.epoch(), g);
        }
        EpochStart known = g.epochStart(c.epoch());
        if (known != null) {
            return known.startOffset() == c.startOffset() ? CommandResult.ok(g)
                    : CommandResult.refused(ResponseCode.CONTROLLER_INVALID_REQUEST, "epoch " + c.epoch()
                    + " began at " + known.startOffset() + ", not " + c.startOffset(), g);
        }
        return CommandResult.ok(g.withEpochStart(new EpochStart(c.epoch(), c.startOffset())));
    }
}
