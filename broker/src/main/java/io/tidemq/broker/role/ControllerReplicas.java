package io.tidemq.broker.role;

import io.tidemq.broker.config.ControllerModeConfig;
import io.tidemq.common.protocol.body.SyncStateSet;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatRequestHeader;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatResponseHeader;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.MessageStore;
import io.tidemq.store.ha.EpochHistory;
import io.tidemq.store.ha.ReplicaEpochs;
import io.tidemq.store.ha.SlaveProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Controller mode on the broker: gets this store's brokerId from the controllers, heartbeats the leading one, and
 * does what its answers say through the role owner: becomes master of the epoch it was elected in, or follows the
 * new master after cutting its log back to where that master's epoch began; as master it holds the write lease and
 * keeps the in-sync set true (a slave joins once it holds everything acknowledged before, and counts as required
 * while its joining is pending; one that falls behind leaves, and counts until the controllers agree).
 */
public final class ControllerReplicas implements ReplicaEpochs {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerReplicas.class);

    private final ControllerModeConfig config;
    private final String clusterName;
    private final String brokerName;
    private final String brokerAddr;
    private final String haAddr;
    private final MessageStore store;
    private final BrokerRoleManager roles;
    private final ControllerLink client;
    private final ControllerIdentity identity;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ControllerReplicas");
        t.setDaemon(true);
        return t;
    });
    private static final long IN_SYNC_CHECK_MILLIS = 100;

    private final AtomicBoolean beatQueued = new AtomicBoolean();
    /** The master epoch of the last heartbeat answer. */
    private volatile int masterEpoch;
    /** Where each master epoch of the group began, as the last heartbeat answer said. */
    private volatile Map<Integer, Long> epochStarts = Map.of();
    private volatile HeldHistory heldHistory = new HeldHistory(null, -1, EpochHistory.EMPTY);
    /** Monotonic time the lease ends; 0 = no lease. */
    private volatile long leaseEndsNanos;
    private volatile String masterAddr;
    private volatile Set<Long> syncStateSet = Set.of();
    private volatile int syncStateSetEpoch;
    /** Slaves waiting to join the in-sync set: brokerId -> the master's log end they must reach first. */
    private final Map<Long, Long> pendingJoins = new HashMap<>();

    public ControllerReplicas(ControllerModeConfig config, String clusterName, String brokerName, String brokerAddr,
                              String haAddr, MessageStore store, BrokerRoleManager roles, ControllerLink client,
                              ControllerIdentity identity) {
        this.config = config;
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.brokerAddr = brokerAddr;
        this.haAddr = haAddr;
        this.store = store;
        this.roles = roles;
        this.client = client;
        this.identity = identity;
    }

    /** Controller mode for this broker over {@code link}; its identity is read from (or made in) {@code storeRoot}. */
    public static ControllerReplicas create(io.tidemq.broker.config.BrokerConfig broker, java.nio.file.Path storeRoot,
                                            MessageStore store, BrokerRoleManager roles, String brokerAddr,
                                            String haAddr, ControllerLink link) {
        ControllerIdentity identity;
        try {
            identity = ControllerIdentity.load(storeRoot, brokerAddr);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read this store's controller identity", e);
        }
        return new ControllerReplicas(broker.controllerMode(), broker.getBrokerClusterName(), broker.getBrokerName(),
                brokerAddr, haAddr, store, roles, link, identity);
    }

    /**
     * Joins the controllers (brokerId, registration; up to 30 s at first boot), switches on controller mode in the
     * role owner and starts heartbeating. Call before the role owner starts.
     */
    public void startBefore(BrokerRoleManager roleOwner) throws Exception {
        client.start();
        long id = join(30_000);
        roleOwner.switchTo(BrokerRole.SLAVE, id);
        roleOwner.controllerMode(this::holdsLease, id, this);
        start();
    }

    /** True while this broker, as master, holds an unexpired lease. */
    public boolean holdsLease() {
        long ends = leaseEndsNanos;
        return ends != 0 && System.nanoTime() - ends < 0;
    }

    /** The connection to the leading controller closed: the lease ends now, not when it would have run out. */
    public void leaderLost() {
        if (leaseEndsNanos != 0) {
            LOG.warn("connection to the leading controller lost: write lease dropped");
        }
        leaseEndsNanos = 0;
        beatSoon();
    }

    @Override
    public int currentEpoch() {
        return (int) identity.lastEpoch();
    }

    /** Where the epochs this log follows began, as the controllers last told them (rebuilt only on a change). */
    @Override
    public EpochHistory history() {
        HeldHistory h = heldHistory;
        Map<Integer, Long> starts = epochStarts;
        long last = identity.lastEpoch();
        if (h.from() != starts || h.lastEpoch() != last) {
            Map<Integer, Long> held = new TreeMap<>(starts);
            held.keySet().removeIf(epoch -> epoch > last);
            h = new HeldHistory(starts, last, EpochHistory.of(held));
            heldHistory = h;
        }
        return h.history();
    }

    private record HeldHistory(Map<Integer, Long> from, long lastEpoch, EpochHistory history) {
    }

    /**
     * The master epochs of this broker's group that its log holds (as the controllers last told them), each with
     * its offsets: the newest ends at this log's end.
     */
    public io.tidemq.common.protocol.body.EpochEntryCache epochCache() {
        io.tidemq.common.protocol.body.EpochEntryCache c = new io.tidemq.common.protocol.body.EpochEntryCache();
        c.clusterName = clusterName;
        c.brokerName = brokerName;
        c.brokerId = identity.brokerId();
        c.maxOffset = store.getMaxPhyOffset();
        List<Map.Entry<Integer, Long>> held = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : epochStarts.entrySet()) {
            if (e.getKey() <= identity.lastEpoch() && e.getValue() <= c.maxOffset) {
                held.add(e);
            }
        }
        for (int i = 0; i < held.size(); i++) {
            long end = i + 1 < held.size() ? held.get(i + 1).getValue() : c.maxOffset;
            c.epochList.add(new io.tidemq.common.protocol.body.EpochEntryCache.EpochEntry(held.get(i).getKey(),
                    held.get(i).getValue(), end));
        }
        return c;
    }

    /** The master's address (requests) as the controllers last said, or null. */
    public String masterAddr() {
        return masterAddr;
    }

    /**
     * Gets this store's brokerId (kept in the store after the first time), waiting for the controllers up to
     * {@code waitMillis}, and registers with them. Returns the brokerId.
     */
    public long join(long waitMillis) throws Exception {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            try {
                long id = client.applyBrokerId(clusterName, brokerName, identity.brokerId(), identity.checkCode());
                if (id != identity.brokerId()) {
                    identity.brokerIdGiven(id);
                }
                client.register(clusterName, brokerName, id, brokerAddr, haAddr);
                LOG.info("controllers know this store as brokerId {} of {}", id, brokerName);
                return id;
            } catch (Exception e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the controllers did not give a brokerId within " + waitMillis
                            + " ms: " + e.getMessage(), e);
                }
                LOG.info("waiting for the controllers: {}", e.toString());
                Thread.sleep(500);
            }
        }
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::beat, 0, config.getBrokerHeartbeatInterval(), TimeUnit.MILLISECONDS);
        // a slave that caught up joins within a fraction of a second, not a heartbeat or two later
        thread.scheduleWithFixedDelay(this::checkInSyncSet, IN_SYNC_CHECK_MILLIS, IN_SYNC_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void checkInSyncSet() {
        RoleState s = roles.state();
        if (s.isMaster() && holdsLease() && s.epoch() == masterEpoch) {
            try {
                keepInSyncSetTrue(masterEpoch);
            } catch (Exception e) {
                LOG.info("in-sync set change not made: {}", e.toString());
            }
        }
    }

    public void shutdown() {
        leaseEndsNanos = 0;
        thread.shutdownNow();
        client.shutdown();
    }

    /** A heartbeat as soon as possible (a role change notice, a promotion waiting for its lease). */
    public void beatSoon() {
        if (beatQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    beatQueued.set(false);
                    beat();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                beatQueued.set(false);
            }
        }
    }

    private void beat() {
        try {
            beatOnce();
        } catch (ControllerLink.Refused e) {
            LOG.warn("controller refused the heartbeat: {} {}", e.code(), e.getMessage());
            if (e.code() == io.tidemq.common.protocol.ResponseCode.CONTROLLER_BROKER_NEED_TO_BE_REGISTERED) {
                rejoin();
            }
        } catch (Exception e) {
            LOG.info("heartbeat to the controllers failed: {}", e.toString());
        }
    }

    private void rejoin() {
        try {
            client.register(clusterName, brokerName, identity.brokerId(), brokerAddr, haAddr);
        } catch (Exception e) {
            LOG.info("registration with the controllers failed: {}", e.toString());
        }
    }

    private void beatOnce() throws Exception {
        RoleState now = roles.state();
        BrokerHeartbeatRequestHeader h = new BrokerHeartbeatRequestHeader();
        h.clusterName = clusterName;
        h.brokerName = brokerName;
        h.brokerAddr = brokerAddr;
        h.brokerId = identity.brokerId();
        h.epoch = (int) Math.max(now.epoch(), identity.lastEpoch());
        h.maxOffset = store.getMaxPhyOffset();
        h.confirmOffset = store.getMaxPhyOffset();
        h.heartbeatTimeoutMills = config.getControllerHeartBeatTimeoutMills();
        h.electionPriority = config.getBrokerElectionPriority();
        long sent = System.nanoTime();
        BrokerHeartbeatResponseHeader a = client.heartbeat(h);
        if (a.masterBrokerId == null || a.masterEpoch == null) {
            return;
        }
        masterAddr = a.masterAddress;
        masterEpoch = a.masterEpoch;
        epochStarts = parseEpochStarts(a.epochStarts);
        if (a.masterBrokerId == identity.brokerId()) {
            actAsMaster(a, sent);
        } else {
            actAsSlave(a);
        }
    }

    private void actAsMaster(BrokerHeartbeatResponseHeader a, long sentNanos) throws Exception {
        RoleState s = roles.state();
        if (!s.isMaster() || s.epoch() != a.masterEpoch) {
            leaseEndsNanos = 0;
            BrokerRole role = config.isAllAckInSyncStateSet() ? BrokerRole.SYNC_MASTER : BrokerRole.ASYNC_MASTER;
            roles.switchTo(role, 0, a.masterEpoch);
            identity.following(a.masterEpoch);
            pendingJoins.clear();
            syncStateSet = Set.of(identity.brokerId());
            roles.requireAcksFrom(Set.of());
            LOG.info("master of {} in epoch {}", brokerName, a.masterEpoch);
            beatSoon();
            return;
        }
        if (a.leaseMillis != null && a.leaseMillis > 0) {
            if (!holdsLease()) {
                LOG.info("write lease held ({} ms, renewed by every heartbeat) in epoch {}", a.leaseMillis,
                        a.masterEpoch);
            }
            leaseEndsNanos = sentNanos + a.leaseMillis * 1_000_000L;
        }
        syncStateSetEpoch = a.syncStateSetEpoch == null ? 0 : a.syncStateSetEpoch;
        Set<Long> held = parseIds(a.syncStateSet);
        if (!held.equals(syncStateSet) && pendingJoins.isEmpty()) {
            syncStateSet = held;
            roles.requireAcksFrom(without(held, identity.brokerId()));
        }
        if (holdsLease()) {
            keepInSyncSetTrue(a.masterEpoch);
        }
    }

    /** Proposes the in-sync set the slaves' progress calls for. */
    private void keepInSyncSetTrue(int epoch) throws Exception {
        long me = identity.brokerId();
        long end = store.getMaxPhyOffset();
        Map<Long, SlaveProgress> slaves = new TreeMap<>();
        for (SlaveProgress p : roles.slaves()) {
            if (p.brokerId() >= 0) {
                slaves.put(p.brokerId(), p);
            }
        }
        Set<Long> current = syncStateSet;
        Set<Long> leaving = new TreeSet<>();
        for (long id : current) {
            SlaveProgress p = slaves.get(id);
            if (id != me && (p == null || p.lagMillis() > config.getHaMaxTimeSlaveNotCatchup())) {
                leaving.add(id);
            }
        }
        for (SlaveProgress p : slaves.values()) {
            if (!current.contains(p.brokerId()) && !pendingJoins.containsKey(p.brokerId())
                    && p.lagMillis() <= config.getHaMaxTimeSlaveNotCatchup()) {
                // from now on sends wait for it; it joins once it holds what was acknowledged without it
                pendingJoins.put(p.brokerId(), end);
            }
        }
        pendingJoins.keySet().removeIf(id -> !slaves.containsKey(id) || leaving.contains(id));
        Set<Long> joining = new TreeSet<>();
        for (Map.Entry<Long, Long> j : pendingJoins.entrySet()) {
            if (slaves.get(j.getKey()).ackOffset() >= j.getValue()) {
                joining.add(j.getKey());
            }
        }
        Set<Long> required = new TreeSet<>(current);
        required.addAll(pendingJoins.keySet());
        required.remove(me);
        roles.requireAcksFrom(required);
        if (leaving.isEmpty() && joining.isEmpty()) {
            return;
        }
        Set<Long> proposed = new TreeSet<>(current);
        proposed.removeAll(leaving);
        proposed.addAll(joining);
        proposed.add(me);
        SyncStateSet now = client.alterSyncStateSet(brokerName, me, epoch, proposed, syncStateSetEpoch);
        LOG.info("in-sync set of {} is now {} (epoch {})", brokerName, now.syncStateSet, now.syncStateSetEpoch);
        syncStateSet = Set.copyOf(now.syncStateSet);
        syncStateSetEpoch = now.syncStateSetEpoch;
        joining.forEach(pendingJoins::remove);
        Set<Long> after = new TreeSet<>(syncStateSet);
        after.addAll(pendingJoins.keySet());
        after.remove(me);
        roles.requireAcksFrom(after);
    }

    private void actAsSlave(BrokerHeartbeatResponseHeader a) throws Exception {
        RoleState s = roles.state();
        long me = identity.brokerId();
        if (s.isMaster()) {
            leaseEndsNanos = 0;
            roles.switchTo(BrokerRole.SLAVE, me, s.epoch());
            LOG.info("brokerId {} is master of {} in epoch {}: this broker follows it", a.masterBrokerId,
                    brokerName, a.masterEpoch);
        } else if (s.brokerId() != me) {
            roles.switchTo(BrokerRole.SLAVE, me, s.epoch());
        }
        if (identity.lastEpoch() < a.masterEpoch) {
            Map<Integer, Long> starts = epochStarts;
            if (!starts.containsKey(a.masterEpoch)) {
                // the new master has not recorded where its epoch begins; it takes no write before it does
                return;
            }
            long cut = EpochHistory.of(starts).divergenceAfter((int) identity.lastEpoch());
            long mine = store.getMaxPhyOffset();
            if (cut < mine) {
                long to = cut;
                LOG.warn("this log ({}) runs past where epoch {} began ({}): cutting it back before replicating",
                        mine, identity.lastEpoch() + 1, to);
                roles.replicateAgain(() -> {
                    if (!store.truncateCommitLog(to)) {
                        throw new IllegalStateException("cannot cut the CommitLog back to " + to);
                    }
                });
            }
            identity.following(a.masterEpoch);
        }
        roles.followMaster(a.masterHaAddress);
    }

    private static Set<Long> without(Set<Long> set, long id) {
        Set<Long> out = new TreeSet<>(set);
        out.remove(id);
        return out;
    }

    static Set<Long> parseIds(String csv) {
        Set<Long> out = new TreeSet<>();
        if (csv != null) {
            for (String p : csv.split(",")) {
                if (!p.isBlank()) {
                    out.add(Long.parseLong(p.trim()));
                }
            }
        }
        return out;
    }

    static Map<Integer, Long> parseEpochStarts(String csv) {
        Map<Integer, Long> out = new TreeMap<>();
        if (csv != null) {
            for (String p : csv.split(",")) {
                int colon = p.indexOf(':');
                if (colon > 0) {
                    out.put(Integer.parseInt(p.substring(0, colon).trim()), Long.parseLong(p.substring(colon + 1)
                            .trim()));
                }
            }
        }
        return out;
    }
}
