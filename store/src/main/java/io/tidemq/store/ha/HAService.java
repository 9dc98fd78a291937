package io.tidemq.store.ha;

import io.tidemq.common.MonotonicClock;
import io.tidemq.store.MessageStore;
import io.tidemq.store.ReplicationConfig;
import io.tidemq.store.PutMessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The master side of replication: accepts slaves on the HA port, streams the CommitLog to each, and tracks what
 * they acknowledged so SYNC_MASTER writers can wait for a copy on a slave.
 */
public final class HAService {
    private static final Logger LOG = LoggerFactory.getLogger(HAService.class);

    private final MessageStore store;
    private final ReplicationConfig replication;
    private final List<HAConnection> connections = new CopyOnWriteArrayList<>();
    private final ReplicaAckWaiters waiters = new ReplicaAckWaiters();
    private final Object newData = new Object();
    /** Transfer threads in their deep sleep (see {@link #awaitNewData}). */
    private final AtomicInteger sleepers = new AtomicInteger();
    private volatile boolean replicaHello;
    /** Controller mode: the brokerIds that must hold a record before its send is answered (the in-sync set). */
    private volatile Set<Long> requiredReplicas;
    private volatile Runnable confirmedListener = () -> { };
    /** Controller mode: the master epochs frames are tagged with (none known until the role owner says). */
    private volatile ReplicaEpochs epochs = new ReplicaEpochs() {
        @Override
        public int currentEpoch() {
            return 0;
        }

        @Override
        public EpochHistory history() {
            return EpochHistory.EMPTY;
        }
    };
    private volatile ServerSocketChannel server;
    private volatile boolean running;

    public HAService(MessageStore store, ReplicationConfig replication) {
        this.store = store;
        this.replication = replication;
    }

    /**
     * Controller mode: slaves must say their brokerId first, and a waiting send waits for every replica in
     * {@code required} (the in-sync set without this master) instead of any one slave; an empty set waits for none.
     */
    public void requireAcksFrom(Set<Long> required) {
        replicaHello = true;
        Set<Long> before = requiredReplicas;
        requiredReplicas = Set.copyOf(required);
        if (!requiredReplicas.equals(before) && !requiredReplicas.isEmpty()) {
            waiters.resetTo(ackedByRequired());
        }
        confirmedListener.run();
    }

    /**
     * Controller mode: the offset every in-sync replica holds, up to which consumers may read (the log end while
     * this master is alone in the set); Long.MAX_VALUE in 4.9 mode.
     */
    public long confirmedOffset() {
        Set<Long> required = requiredReplicas;
        return required == null || required.isEmpty() ? Long.MAX_VALUE : Math.max(0, ackedByRequired());
    }

    /** Told after an acknowledgement moved the confirmed offset (controller mode). */
    public void onConfirmed(Runnable listener) {
        confirmedListener = listener;
    }

    boolean expectsReplicaHello() {
        return replicaHello;
    }

    /**
     * Controller mode: slaves get the epoch handshake and frames tagged with their epoch and the confirmed offset
     * (see {@link HAConnection}).
     */
    public void streamEpochs(ReplicaEpochs source) {
        this.epochs = source;
    }

    ReplicaEpochs epochs() {
        return epochs;
    }

    /** The offset every required replica holds; Long.MAX_VALUE when none is required. */
    private long ackedByRequired() {
        Set<Long> required = requiredReplicas;
        if (required.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long min = Long.MAX_VALUE;
        for (long id : required) {
            long best = -1;
            for (HAConnection c : connections) {
                if (c.replicaId() == id) {
                    best = Math.max(best, c.slaveAckOffset());
                }
            }
            min = Math.min(min, best);
        }
        return min;
    }

    /** Listens on {@code bindAddress:haListenPort}. */
    public void start(String bindAddress) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.socket().setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), replication.getHaListenPort()));
        server = s;
        running = true;
        Thread acceptor = new Thread(this::acceptLoop, "HAService-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        Thread purger = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                waiters.purgeCompleted();
            }
        }, "HAService-purge");
        purger.setDaemon(true);
        purger.start();
        LOG.info("HA service listening on {}:{}", bindAddress, replication.getHaListenPort());
    }

    public void shutdown() {
        running = false;
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        for (HAConnection c : connections) {
            c.close();
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                SocketChannel channel = server.accept();
                channel.socket().setTcpNoDelay(true);
                HAConnection c = new HAConnection(channel, store, this, replication);
                connections.add(c);
                LOG.info("slave connected from {}", c.peer());
                c.start();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("accepting a slave failed", e);
                }
            }
        }
    }

    /**
     * Wakes transfer threads after an append (call from the put path). Only threads in their deep sleep need it:
     * an active one naps briefly and finds new data itself, so under load no send pays for a wake-up.
     */
    public void notifyNewData() {
        if (sleepers.get() > 0) {
            synchronized (newData) {
                newData.notifyAll();
            }
        }
    }

    /**
     * A transfer thread's deep sleep: up to {@code millis} or until {@link #notifyNewData}. Returns at once when
     * the log has grown past {@code sentUpTo}, re-checked after registering as a sleeper so no append is missed.
     */
    void awaitNewData(long sentUpTo, long millis) throws InterruptedException {
        sleepers.incrementAndGet();
        try {
            synchronized (newData) {
                if (store.getMaxPhyOffset() <= sentUpTo) {
                    newData.wait(millis);
                }
            }
        } finally {
            sleepers.decrementAndGet();
        }
    }

    void slaveAcknowledged(long offset) {
        Set<Long> required = requiredReplicas;
        if (required == null) {
            waiters.acknowledged(offset);
        } else if (!required.isEmpty()) {
            waiters.acknowledged(ackedByRequired());
            confirmedListener.run();
            // idle transfer threads tell their slaves the new confirmed offset (slaves serve reads up to it)
            notifyNewData();
        }
    }

    void removeConnection(HAConnection c) {
        connections.remove(c);
    }

    /** Each connected slave's replication progress, against this master's log end now. */
    public List<SlaveProgress> slaves() {
        long max = store.getMaxPhyOffset();
        long now = MonotonicClock.millis();
        List<SlaveProgress> out = new ArrayList<>();
        for (HAConnection c : connections) {
            out.add(c.progress(max, now));
        }
        return out;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** True when a slave is connected and not further behind than {@code haSlaveFallbehindMax}. */
    public boolean slaveUsable() {
        Set<Long> required = requiredReplicas;
        if (required != null) {
            return required.isEmpty() || store.getMaxPhyOffset() - ackedByRequired()
                    < replication.getHaSlaveFallbehindMax();
        }
        return !connections.isEmpty()
                && store.getMaxPhyOffset() - push2SlaveMaxOffset() < replication.getHaSlaveFallbehindMax();
    }

    /** Highest offset any slave has confirmed. */
    public long push2SlaveMaxOffset() {
        if (requiredReplicas != null && !requiredReplicas.isEmpty()) {
            return Math.max(0, ackedByRequired());
        }
        long max = 0;
        for (HAConnection c : connections) {
            max = Math.max(max, c.slaveAckOffset());
        }
        return Math.max(max, waiters.ackedOffset());
    }

    /**
     * SYNC_MASTER: completes with PUT_OK once a slave holds everything below {@code endOffset}; SLAVE_NOT_AVAILABLE
     * at once when no slave is connected or the best one is too far behind; FLUSH_SLAVE_TIMEOUT after the timeout.
     */
    public CompletableFuture<PutMessageStatus> waitForSlave(long endOffset, long timeoutMillis) {
        Set<Long> required = requiredReplicas;
        if (required != null && required.isEmpty()) {
            // controller mode, this master alone in the in-sync set: nobody else must hold it
            return CompletableFuture.completedFuture(PutMessageStatus.PUT_OK);
        }
        if (!slaveUsable()) {
            return CompletableFuture.completedFuture(PutMessageStatus.SLAVE_NOT_AVAILABLE);
        }
        notifyNewData();
        return waiters.await(endOffset, timeoutMillis);
    }
}
