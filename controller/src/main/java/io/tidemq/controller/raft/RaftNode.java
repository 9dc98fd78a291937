package io.tidemq.controller.raft;

import io.tidemq.controller.config.ControllerConfig;
import io.tidemq.controller.state.CommandResult;
import io.tidemq.controller.state.ControllerCommand;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * This controller's member of the Raft group (Apache Ratis over gRPC) and a client that submits commands to
 * whichever member leads. A command is true once {@link #submit}'s future completes: committed by a majority and
 * applied.
 */
public final class RaftNode implements AutoCloseable {
    private static final long SUBMIT_TIMEOUT_MILLIS = 5_000;

    private final ControllerConfig config;
    private final ControllerStateMachine stateMachine;
    private final RaftGroup group;
    private RaftServer server;
    private RaftClient client;

    public RaftNode(ControllerConfig config, ControllerStateMachine stateMachine) {
        this.config = config;
        this.stateMachine = stateMachine;
        List<RaftPeer> peers = new ArrayList<>();
        for (ControllerConfig.Peer p : config.peers()) {
            peers.add(RaftPeer.newBuilder().setId(p.id())
                    .setAddress(p.host() + ":" + (p.port() + config.getControllerRaftPortOffset()))
                    .build());
        }
        UUID id = UUID.nameUUIDFromBytes(config.getControllerDLegerGroup().getBytes(StandardCharsets.UTF_8));
        this.group = RaftGroup.valueOf(RaftGroupId.valueOf(id), peers);
    }

    public void start() throws IOException {
        ControllerConfig.Peer self = config.self();
        File dir = new File(config.getControllerStorePath());
        boolean existing = new File(dir, group.getGroupId().getUuid().toString()).isDirectory();
        RaftProperties props = properties();
        RaftServerConfigKeys.setStorageDir(props, List.of(dir));
        GrpcConfigKeys.Server.setHost(props, self.host());
        GrpcConfigKeys.Server.setPort(props, self.port() + config.getControllerRaftPortOffset());
        server = RaftServer.newBuilder().setServerId(RaftPeerId.valueOf(self.id())).setGroup(group)
                .setStateMachine(stateMachine).setProperties(props)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        client = RaftClient.newBuilder().setProperties(properties()).setRaftGroup(group).build();
    }

    private static RaftProperties properties() {
        RaftProperties props = new RaftProperties();
        // elections within a few hundred ms: the controller must be back before brokers' leases run out
        RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(300, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(600, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, 10_000);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, 2);
        return props;
    }

    /** Replicates {@code command} through the leader; fails after a few seconds without a quorum. */
    public CompletableFuture<CommandResult> submit(ControllerCommand command) {
        Message m = Message.valueOf(ByteString.copyFrom(StateCodec.command(command)));
        return client.async().send(m).thenApply(reply -> {
            if (!reply.isSuccess()) {
                throw new IllegalStateException("not committed: " + reply.getException());
            }
            return StateCodec.result(reply.getMessage().getContent().toByteArray());
        }).orTimeout(SUBMIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private DivisionInfo info() throws IOException {
        return server.getDivision(group.getGroupId()).getInfo();
    }

    /** True when this member leads and has applied everything committed before its term. */
    public boolean isLeaderReady() {
        try {
            return server != null && info().isLeader() && info().isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    /** The leader's peer entry as configured, or null while there is none. */
    public ControllerConfig.Peer leader() {
        try {
            RaftPeerId id = server == null ? null : info().getLeaderId();
            if (id == null) {
                return null;
            }
            for (ControllerConfig.Peer p : config.peers()) {
                if (p.id().equals(id.toString())) {
                    return p;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    public long currentTerm() {
        try {
            return info().getCurrentTerm();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
