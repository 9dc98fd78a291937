package io.tidemq.controller.raft;

import io.tidemq.controller.state.CommandResult;
import io.tidemq.controller.state.ControllerCommand;
import io.tidemq.controller.state.ControllerState;
import io.tidemq.controller.state.ReplicaGroup;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The controllers' replicated state machine: applies {@link ControllerCommand}s from the Raft log to a
 * {@link ControllerState} and answers each with its {@link CommandResult}; snapshots are the state as JSON.
 */
public final class ControllerStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerStateMachine.class);

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final Consumer<RaftPeerId> leaderChanged;
    private volatile ControllerState state = new ControllerState();

    /** {@code leaderChanged} is told the new leader's id (null when unknown) whenever it changes. */
    public ControllerStateMachine(Consumer<RaftPeerId> leaderChanged) {
        this.leaderChanged = leaderChanged;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        load(storage.getLatestSnapshot());
    }

    @Override
    public void reinitialize() throws IOException {
        load(storage.loadLatestSnapshot());
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private synchronized void load(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        if (!file.exists()) {
            return;
        }
        state = new ControllerState(StateCodec.groups(Files.readAllBytes(file.toPath())));
        setLastAppliedTermIndex(snapshot.getTermIndex());
        LOG.info("controller state loaded from snapshot {}: {} broker groups", file, state.groups().size());
    }

    @Override
    public synchronized long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        File tmp = new File(target.getPath() + ".tmp");
        Files.write(tmp.toPath(), StateCodec.groups(state.groups()));
        Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5FileUtil.saveMD5File(target, MD5FileUtil.computeMd5ForFile(target));
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(
                new FileInfo(target.toPath(), MD5FileUtil.readStoredMd5ForFile(target)), last));
        return last.getIndex();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        RaftProtos.LogEntryProto entry = trx.getLogEntry();
        byte[] bytes = entry.getStateMachineLogEntry().getLogData().toByteArray();
        CommandResult result;
        synchronized (this) {
            ControllerCommand command = StateCodec.command(bytes);
            result = state.apply(command);
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            if (result.succeeded()) {
                LOG.info("applied {} -> {}", command, summary(result.group()));
            }
        }
        return CompletableFuture.completedFuture(Message.valueOf(
                ByteString.copyFrom(StateCodec.result(result))));
    }

    /** Every group as this controller has applied them (a follower may be behind the leader). */
    public synchronized Map<String, ReplicaGroup> groups() {
        return state.groups();
    }

    public synchronized ReplicaGroup group(String brokerName) {
        return state.group(brokerName);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        leaderChanged.accept(newLeaderId);
    }

    private static String summary(ReplicaGroup g) {
        return g == null ? "-" : g.brokerName() + " master " + g.masterBrokerId() + " epoch " + g.masterEpoch()
                + " in-sync " + g.syncStateSet() + "@" + g.syncStateSetEpoch() + " replicas " + g.replicas().keySet();
    }
}
