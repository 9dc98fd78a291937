package io.tidemq.broker.role;

import io.tidemq.store.MessageStore;
import io.tidemq.store.MessageStoreConfig;
import io.tidemq.store.ha.HAClient;
import io.tidemq.store.ha.ReplicaEpochs;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A slave's own work: replicating the master's CommitLog (the HA client) and copying its metadata (topics, groups,
 * consumer and delay offsets) every few seconds.
 */
public final class SlaveDuties implements RoleDuties {
    private static final long FIRST_SYNC_DELAY_MILLIS = 3000;

    private final MessageStore store;
    private final MessageStoreConfig storeConfig;
    private final Runnable metadataSync;
    private final long metadataSyncIntervalMillis;
    private final ScheduledExecutorService scheduler;
    private final Object syncRound = new Object();
    private volatile HAClient haClient;
    private volatile String masterHaAddress;
    private ScheduledFuture<?> syncTask;
    /** Controller mode: the brokerId this slave says to its master; -1 speaks plain 4.9. */
    private volatile long replicaId = -1;
    private volatile ReplicaEpochs epochs;

    /** {@code metadataSync} is one round of copying the master's metadata. */
    public SlaveDuties(MessageStore store, MessageStoreConfig storeConfig, Runnable metadataSync,
                       long metadataSyncIntervalMillis, ScheduledExecutorService scheduler) {
        this.store = store;
        this.storeConfig = storeConfig;
        this.metadataSync = metadataSync;
        this.metadataSyncIntervalMillis = metadataSyncIntervalMillis;
        this.scheduler = scheduler;
        this.masterHaAddress = storeConfig.replication().getHaMasterAddress();
    }

    @Override
    public synchronized void start() {
        HAClient client = new HAClient(store, storeConfig.replication());
        client.updateMasterAddress(masterHaAddress);
        client.sayReplicaId(replicaId);
        client.followEpochs(epochs);
        client.start();
        haClient = client;
        syncTask = scheduler.scheduleAtFixedRate(() -> {
            synchronized (syncRound) {
                metadataSync.run();
            }
        }, FIRST_SYNC_DELAY_MILLIS, metadataSyncIntervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (syncTask != null) {
            syncTask.cancel(false);
            syncTask = null;
        }
        // a round already running finishes before a promoted broker's own metadata may change
        synchronized (syncRound) {
            HAClient client = haClient;
            haClient = null;
            if (client != null) {
                client.shutdown();
            }
        }
    }

    /**
     * The master's HA address as the NameServer reports it; a configured haMasterAddress wins. Remembered for the
     * next time this broker is a slave, and handed to a running HA client at once.
     */
    public void masterHaAddressLearned(String address) {
        if (address == null || storeConfig.replication().getHaMasterAddress() != null || replicaId >= 0) {
            // controller mode: only the controllers say whom to follow (see followMaster)
            return;
        }
        follow(address);
    }

    /** Controller mode: replicate from {@code address}, the master the controllers named. */
    void followMaster(String address) {
        if (address != null) {
            follow(address);
        }
    }

    private void follow(String address) {
        masterHaAddress = address;
        HAClient client = haClient;
        if (client != null) {
            client.updateMasterAddress(address);
        }
    }

    /** Forgets the master: after a role change the old one may be this broker itself, or gone. */
    void forgetMaster() {
        if (storeConfig.replication().getHaMasterAddress() == null) {
            masterHaAddress = null;
        }
    }

    /** Controller mode: say {@code brokerId} to the master on every replication connection. */
    void sayReplicaId(long brokerId) {
        replicaId = brokerId;
    }

    /** Controller mode: the epochs this log follows, checked against every master it replicates from. */
    void followEpochs(ReplicaEpochs source) {
        epochs = source;
    }

    /** The HA client while this broker is a slave, else null. */
    public HAClient haClient() {
        return haClient;
    }
}
