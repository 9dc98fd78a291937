package io.tidemq.controller.election;

import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.controller.raft.ControllerStateMachine;
import io.tidemq.controller.raft.RaftNode;
import io.tidemq.controller.state.CommandResult;
import io.tidemq.controller.state.ControllerCommand;
import io.tidemq.controller.state.ReplicaGroup;
import io.tidemq.remoting.RemoteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The controller's decisions: hears heartbeats, finds dead masters, elects, and grants write leases. Decisions are
 * taken only while this controller leads the Raft group, and become true only once their command is applied.
 *
 * <p>A master may acknowledge writes only while it holds a lease: granted on a heartbeat answer for
 * {@code 2/3} of the heartbeat timeout the broker declared, counted by the broker from when it sent that heartbeat.
 * The controller takes a master for dead only after a whole timeout without a heartbeat (so its last lease ran out
 * first), or at once when its connection closes (a broker drops its lease when it loses that connection).
 */
public final class ControllerService {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerService.class);

    private final RaftNode raft;
    private final ControllerStateMachine stateMachine;
    private final BrokerLiveness liveness = new BrokerLiveness();
    private final ElectionPolicy policy;
    private final LongSupplier nanoClock;
    /** Told (group, brokers' channels) after a group's master changed, to tell its brokers at once. */
    private final BiConsumer<ReplicaGroup, Iterable<BrokerBeat>> roleChanged;
    /** Per group, the broker holding the newest lease this leader granted, and when that lease ends. */
    private final Map<String, LeaseGrant> grants = new ConcurrentHashMap<>();
    private final Map<String, Boolean> electing = new ConcurrentHashMap<>();
    private volatile long leaderSinceNanos = -1;

    private record LeaseGrant(long brokerId, long endsNanos) {
    }

    /** What a heartbeat is answered with: the group as known now, and the lease granted (0: none). */
    public record HeartbeatAnswer(ReplicaGroup group, long leaseMillis) {
    }

    public ControllerService(RaftNode raft, ControllerStateMachine stateMachine, ElectionPolicy policy,
                             LongSupplier nanoClock, BiConsumer<ReplicaGroup, Iterable<BrokerBeat>> roleChanged) {
        this.raft = raft;
        this.stateMachine = stateMachine;
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.roleChanged = roleChanged;
    }

    public boolean isLeader() {
        return raft.isLeaderReady();
    }

    public ReplicaGroup group(String brokerName) {
        return stateMachine.group(brokerName);
    }

    public Map<String, ReplicaGroup> groups() {
        return stateMachine.groups();
    }

    public BrokerLiveness liveness() {
        return liveness;
    }

    public boolean alive(BrokerBeat beat) {
        return beat != null && beat.aliveAt(nanoClock.getAsLong());
    }

    public CompletableFuture<CommandResult> submit(ControllerCommand command) {
        return raft.submit(command);
    }

    /**
     * Records a heartbeat. A group without a master gets one if someone may be elected. The current master is
     * granted a lease once the start of its epoch is recorded (recorded here from its first heartbeat of the
     * epoch: it takes no write before it holds a lease, so its log end is still the epoch's start).
     */
    public CompletableFuture<HeartbeatAnswer> heartbeat(BrokerBeat beat) {
        liveness.heard(beat);
        ReplicaGroup g = group(beat.brokerName());
        if (g == null || !g.replicas().containsKey(beat.brokerId())) {
            return CompletableFuture.completedFuture(new HeartbeatAnswer(g, 0));
        }
        if (!g.hasMaster()) {
            return electIfPossible(beat.brokerName(), null).thenApply(r -> new HeartbeatAnswer(group(
                    beat.brokerName()), 0));
        }
        if (g.masterBrokerId() != beat.brokerId() || g.masterEpoch() != beat.epoch()) {
            return CompletableFuture.completedFuture(new HeartbeatAnswer(g, 0));
        }
        if (g.epochStart(g.masterEpoch()) == null) {
            return submit(new ControllerCommand.RecordEpochStart(g.brokerName(), beat.brokerId(), beat.epoch(),
                    beat.maxOffset())).thenApply(r -> new HeartbeatAnswer(r.group(),
                    r.succeeded() ? grant(r.group(), beat) : 0));
        }
        return CompletableFuture.completedFuture(new HeartbeatAnswer(g, grant(g, beat)));
    }

    private long grant(ReplicaGroup g, BrokerBeat beat) {
        long now = nanoClock.getAsLong();
        LeaseGrant previous = grants.get(g.brokerName());
        if (previous != null && previous.brokerId != beat.brokerId() && previous.endsNanos > now) {
            // another broker of this group may still hold a lease (a designated election): it must run out first
            return 0;
        }
        long lease = beat.timeoutMillis() * 2 / 3;
        grants.put(g.brokerName(), new LeaseGrant(beat.brokerId(), now + lease * 1_000_000L));
        return lease;
    }

    /**
     * A broker's connection to this controller closed: it dropped its lease with it (a broker gives up its lease
     * when it loses the connection it renews it on), and its group may need a new master.
     */
    public void channelClosed(RemoteChannel channel) {
        for (BrokerBeat gone : liveness.channelClosed(channel)) {
            grants.computeIfPresent(gone.brokerName(), (name, g) -> g.brokerId == gone.brokerId() ? null : g);
            if (isLeader()) {
                checkGroup(gone.brokerName());
            }
        }
    }

    /** Periodic: every group whose master went silent gets a new one. */
    public void scan() {
        if (!isLeader()) {
            if (leaderSinceNanos >= 0) {
                LOG.info("no longer the leading controller");
                liveness.clear();
                grants.clear();
            }
            leaderSinceNanos = -1;
            return;
        }
        if (leaderSinceNanos < 0) {
            leaderSinceNanos = nanoClock.getAsLong();
            LOG.info("leading the controllers from term {}", raft.currentTerm());
        }
        for (String name : groups().keySet()) {
            checkGroup(name);
        }
    }

    private void checkGroup(String name) {
        ReplicaGroup g = group(name);
        if (g == null) {
            return;
        }
        if (!g.hasMaster()) {
            electIfPossible(name, null);
            return;
        }
        BrokerBeat masterBeat = liveness.beat(name, g.masterBrokerId());
        boolean dead;
        if (masterBeat != null) {
            dead = !alive(masterBeat);
        } else {
            // heard nothing from it: only a leader that has waited one heartbeat timeout may call that death
            long grace = liveness.beatsOf(name).stream().mapToLong(BrokerBeat::timeoutMillis).max().orElse(3000);
            dead = leaderSinceNanos >= 0 && nanoClock.getAsLong() - leaderSinceNanos > grace * 1_000_000L;
        }
        if (dead) {
            electIfPossible(name, g.masterBrokerId());
        }
    }

    /**
     * Elects a master for {@code name} replacing {@code deadMaster} (null: the group has none). Does nothing when
     * no replica may be elected: the group keeps its dead master until that or an in-sync replica is back.
     */
    public CompletableFuture<CommandResult> electIfPossible(String name, Long deadMaster) {
        ReplicaGroup g = group(name);
        if (g == null || !isLeader() || electing.putIfAbsent(name, Boolean.TRUE) != null) {
            return CompletableFuture.completedFuture(CommandResult.refusedWith(
                    ResponseCode.CONTROLLER_ELECT_MASTER_FAILED, "no election possible now", g));
        }
        Optional<Long> chosen = policy.choose(g, liveness.beatsOf(name), this::alive, deadMaster);
        if (chosen.isEmpty() && deadMaster != null && deadMaster.equals(g.masterBrokerId())) {
            return strikeOff(g);
        }
        if (chosen.isEmpty()) {
            electing.remove(name);
            return CompletableFuture.completedFuture(CommandResult.refusedWith(
                    ResponseCode.CONTROLLER_MASTER_NOT_AVAILABLE, "no live replica of " + name
                            + " may be elected (in-sync set " + g.syncStateSet() + ")", g));
        }
        return elect(g, chosen.get());
    }

    /**
     * The master died and no replica may take over: the group is left without a master, in a new epoch. Whichever
     * in-sync replica is back first is then elected in an epoch of its own, the dead master too: had it kept its
     * old epoch after a restart, a replica holding a longer copy of that epoch than the restarted log (which may
     * have lost its unflushed tail) would not see where the two logs part.
     */
    private CompletableFuture<CommandResult> strikeOff(ReplicaGroup g) {
        LOG.warn("master {} of {} is dead and no replica may take over (in-sync set {}): no master until one is back",
                g.masterBrokerId(), g.brokerName(), g.syncStateSet());
        return submit(new ControllerCommand.ElectMaster(g.brokerName(), g.masterEpoch(), null))
                .handle((r, e) -> {
                    electing.remove(g.brokerName());
                    if (e != null) {
                        LOG.warn("striking off the master of {} not committed: {}", g.brokerName(), e.toString());
                    }
                    return CommandResult.refusedWith(ResponseCode.CONTROLLER_MASTER_NOT_AVAILABLE, "no live replica of "
                            + g.brokerName() + " may be elected (in-sync set " + g.syncStateSet() + ")",
                            r != null && r.succeeded() ? r.group() : g);
                });
    }

    /** Makes {@code brokerId} master of {@code g}'s group (mqadmin electMaster, or the policy's choice). */
    public CompletableFuture<CommandResult> elect(ReplicaGroup g, long brokerId) {
        electing.put(g.brokerName(), Boolean.TRUE);
        LOG.info("electing brokerId {} master of {} (was {} in epoch {})", brokerId, g.brokerName(),
                g.masterBrokerId(), g.masterEpoch());
        return submit(new ControllerCommand.ElectMaster(g.brokerName(), g.masterEpoch(), brokerId))
                .whenComplete((r, e) -> {
                    electing.remove(g.brokerName());
                    if (e != null) {
                        LOG.warn("election in {} not committed: {}", g.brokerName(), e.toString());
                    } else if (r.succeeded()) {
                        roleChanged.accept(r.group(), liveness.beatsOf(g.brokerName()));
                    }
                });
    }

    /** The leading controller's configured peer entry, or null while there is none. */
    public io.tidemq.controller.config.ControllerConfig.Peer leaderPeer() {
        return raft.leader();
    }

    public ElectionPolicy policy() {
        return policy;
    }
}
