package io.tidemq.broker.role;

import io.tidemq.store.BrokerRole;
import io.tidemq.store.MessageStore;
import io.tidemq.store.ha.HAClient;
import io.tidemq.store.ha.HAService;
import io.tidemq.store.ha.SlaveProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The one owner of the broker's role: holds it (with the brokerId and the master epoch), runs what the role runs
 * and nothing else, and answers what other parts ask of it. A switch at runtime goes through {@link #switchTo}:
 * writes stop before the old duties do, and the new role's duties start only once the store is ready for it, so a
 * switch neither loses nor duplicates a record.
 */
public final class BrokerRoleManager {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRoleManager.class);

    private final MessageStore store;
    private final MasterDuties master;
    private final SlaveDuties slave;
    private final List<BiConsumer<RoleState, RoleState>> listeners = new CopyOnWriteArrayList<>();
    private volatile RoleState state;
    /** Writes need this too: a master in controller mode holds a lease; in static mode it always holds. */
    private volatile BooleanSupplier writeLease = () -> true;
    private boolean started;

    public BrokerRoleManager(RoleState initial, MessageStore store, MasterDuties master, SlaveDuties slave) {
        if (store.role() != initial.role()) {
            throw new IllegalArgumentException("the store serves as " + store.role() + ", not " + initial.role());
        }
        this.state = initial;
        this.store = store;
        this.master = master;
        this.slave = slave;
    }

    /** Told {@code (from, to)} after every switch, on the switching thread. */
    public void onSwitch(BiConsumer<RoleState, RoleState> listener) {
        listeners.add(listener);
    }

    /** Starts the duties of the role the broker booted in. */
    public synchronized void start() throws Exception {
        duties(state).start();
        started = true;
    }

    public synchronized void shutdown() {
        if (started) {
            duties(state).stop();
            started = false;
        }
    }

    public RoleState state() {
        return state;
    }

    public BrokerRole role() {
        return state.role();
    }

    public long brokerId() {
        return state.brokerId();
    }

    /** Producers may write here: the broker is a master (holding its write lease in controller mode). */
    public boolean acceptsWrites() {
        return state.isMaster() && writeLease.getAsBoolean();
    }

    /**
     * Controller mode: a master acknowledges writes only while {@code lease} says it holds its lease, a slave says
     * {@code replicaId} to its master, replication carries {@code epochs} (see the store's HA service), and a master's waiting sends wait for the in-sync set (see
     * {@link #requireAcksFrom}; none until the controller names one).
     */
    public void controllerMode(BooleanSupplier lease, long replicaId, io.tidemq.store.ha.ReplicaEpochs epochs) {
        writeLease = lease;
        slave.sayReplicaId(replicaId);
        slave.followEpochs(epochs);
        master.streamEpochs(epochs);
        master.requireAcksFrom(java.util.Set.of());
    }

    /** Controller mode: replicate from the master the controllers named (its HA address). */
    public void followMaster(String haAddress) {
        slave.followMaster(haAddress);
    }

    /** Controller mode: waiting sends wait for every replica in {@code replicas} (the in-sync set less this one). */
    public void requireAcksFrom(java.util.Set<Long> replicas) {
        master.requireAcksFrom(replicas);
    }

    /**
     * A slave stops replicating, runs {@code whileStopped} (e.g. cuts its log back to where a new master's epoch
     * began) and replicates again. Nothing happens unless this broker is a slave.
     */
    public synchronized void replicateAgain(Runnable whileStopped) {
        if (state.isMaster()) {
            return;
        }
        if (started) {
            slave.stop();
        }
        try {
            whileStopped.run();
        } finally {
            if (started) {
                slave.start();
            }
        }
    }

    /** A send answered with WAIT=true waits until a slave holds it (SYNC_MASTER). */
    public boolean waitsForReplicas() {
        return state.role() == BrokerRole.SYNC_MASTER;
    }

    public boolean isSlave() {
        return !state.isMaster();
    }

    /** The HA service while master, else null. */
    public HAService haService() {
        return master.haService();
    }

    /** The HA client while slave, else null. */
    public HAClient haClient() {
        return slave.haClient();
    }

    /** Progress of each connected slave; empty unless master. */
    public List<SlaveProgress> slaves() {
        HAService ha = master.haService();
        return ha == null ? List.of() : ha.slaves();
    }

    /** The master's HA address as the NameServer reports it (used while, and whenever next, a slave). */
    public void masterHaAddressLearned(String address) {
        slave.masterHaAddressLearned(address);
    }

    /**
     * Switches to {@code role} registering as {@code brokerId} (0 for a master), without restart. Becoming master
     * bumps the epoch. Master to slave: local writes are refused first, then the HA service, delay delivery and
     * transaction check-back stop, then replication from the (new) master starts. Slave to master: replication and
     * metadata copying stop (the replication thread has ended), the store dispatches what it holds and cuts a
     * half-received record, then the master's duties start. On failure the old role is restored and the exception
     * says why.
     */
    public synchronized RoleState switchTo(BrokerRole role, long brokerId) {
        boolean promotion = role.isMaster() && !state.isMaster();
        return switchTo(role, brokerId, promotion ? state.epoch() + 1 : state.epoch());
    }

    /** {@link #switchTo(BrokerRole, long)} into the master epoch a controller gave. */
    public synchronized RoleState switchTo(BrokerRole role, long brokerId, long epoch) {
        RoleState from = state;
        RoleState to = new RoleState(role, brokerId, epoch);
        if (to.equals(from)) {
            return from;
        }
        if (started && role != from.role()) {
            if (role.isMaster()) {
                becomeMaster(from, role);
            } else {
                becomeSlave(from);
            }
        } else if (role != from.role() && !store.changeRole(role)) {
            throw new IllegalStateException("the store cannot serve as " + role + "; see broker.log");
        }
        state = to;
        LOG.info("role {} (brokerId {}, epoch {}) -> {} (brokerId {}, epoch {})", from.role(), from.brokerId(),
                from.epoch(), to.role(), to.brokerId(), to.epoch());
        for (BiConsumer<RoleState, RoleState> l : listeners) {
            try {
                l.accept(from, to);
            } catch (RuntimeException e) {
                LOG.warn("role switch listener failed", e);
            }
        }
        return to;
    }

    private void becomeMaster(RoleState from, BrokerRole role) {
        duties(from).stop();
        if (!store.changeRole(role)) {
            restart(from);
            throw new IllegalStateException("the store cannot take writes as " + role + "; see broker.log");
        }
        try {
            master.start();
        } catch (Exception e) {
            master.stop();
            store.changeRole(from.role());
            restart(from);
            throw new IllegalStateException("cannot start as " + role + ": " + e.getMessage(), e);
        }
    }

    private void becomeSlave(RoleState from) {
        store.changeRole(BrokerRole.SLAVE);
        master.stop();
        slave.forgetMaster();
        try {
            slave.start();
        } catch (RuntimeException e) {
            slave.stop();
            store.changeRole(from.role());
            restart(from);
            throw new IllegalStateException("cannot start as SLAVE: " + e.getMessage(), e);
        }
    }

    private void restart(RoleState state) {
        try {
            duties(state).start();
        } catch (Exception e) {
            LOG.error("could not restore the duties of {}", state.role(), e);
        }
    }

    private RoleDuties duties(RoleState s) {
        return s.isMaster() ? master : slave;
    }
}
