package io.tidemq.broker.role;

import io.tidemq.broker.schedule.ScheduleMessageService;
import io.tidemq.store.MessageStore;
import io.tidemq.store.MessageStoreConfig;
import io.tidemq.store.ha.HAService;
import io.tidemq.store.ha.ReplicaEpochs;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A master's own work: serving its slaves (the HA service on haListenPort), delivering delayed messages when they
 * are due, and asking producers about transactions left open. A slave does none of it: its copies of the delay
 * queues and half messages come from the master.
 */
public final class MasterDuties implements RoleDuties {
    private final MessageStore store;
    private final MessageStoreConfig storeConfig;
    private final String bindAddress;
    private final ScheduleMessageService schedule;
    private final Runnable transactionCheck;
    private final long transactionCheckIntervalMillis;
    private final ScheduledExecutorService scheduler;
    private volatile HAService haService;
    /** Controller mode: the replicas every waiting send must reach (the in-sync set less this master); else null. */
    private volatile Set<Long> requiredAcks;
    private volatile ReplicaEpochs epochs;
    private ScheduledFuture<?> transactionTask;

    /** {@code transactionCheck} is one round of check-backs, run every {@code transactionCheckIntervalMillis}. */
    public MasterDuties(MessageStore store, MessageStoreConfig storeConfig, String bindAddress,
                        ScheduleMessageService schedule, Runnable transactionCheck,
                        long transactionCheckIntervalMillis, ScheduledExecutorService scheduler) {
        this.store = store;
        this.storeConfig = storeConfig;
        this.bindAddress = bindAddress;
        this.schedule = schedule;
        this.transactionCheck = transactionCheck;
        this.transactionCheckIntervalMillis = transactionCheckIntervalMillis;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void start() throws Exception {
        HAService ha = new HAService(store, storeConfig.replication());
        Set<Long> required = requiredAcks;
        if (required != null) {
            // consumers read only what every in-sync replica holds: nothing they saw vanishes in a failover
            ha.onConfirmed(store.limitDispatchTo(ha::confirmedOffset));
            if (epochs != null) {
                ha.streamEpochs(epochs);
            }
            ha.requireAcksFrom(required);
        }
        ha.start(bindAddress);
        haService = ha;
        schedule.start();
        transactionTask = scheduler.scheduleWithFixedDelay(transactionCheck, transactionCheckIntervalMillis,
                transactionCheckIntervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (transactionTask != null) {
            transactionTask.cancel(false);
            transactionTask = null;
        }
        schedule.shutdown();
        schedule.persist();
        HAService ha = haService;
        haService = null;
        if (ha != null) {
            ha.shutdown();
            if (requiredAcks != null) {
                store.limitDispatchTo(() -> Long.MAX_VALUE).run();
            }
        }
    }

    /** Controller mode: waiting sends wait for every replica in {@code replicas} (the in-sync set less this one). */
    public void requireAcksFrom(Set<Long> replicas) {
        requiredAcks = Set.copyOf(replicas);
        HAService ha = haService;
        if (ha != null) {
            ha.requireAcksFrom(requiredAcks);
        }
    }

    /** Controller mode: replication frames carry the epochs of {@code source}. */
    void streamEpochs(ReplicaEpochs source) {
        epochs = source;
    }

    /** The HA service while this broker is master, else null. */
    public HAService haService() {
        return haService;
    }
}
