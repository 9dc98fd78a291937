package io.tidemq.store.ha;

import io.tidemq.common.MonotonicClock;
import io.tidemq.store.MessageStore;
import io.tidemq.store.ReplicationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The slave side of replication: connects to the master's HA address, reports its CommitLog max offset, appends the
 * bytes the master streams at exactly the same offsets, and reports again. Reconnects every few seconds after a
 * failure; the master address can change at any time (learned from NameServer registration). In controller mode it
 * also checks the master's epochs (see {@link HAConnection}) and lets consumers read only what the master says every
 * in-sync replica holds.
 */
public final class HAClient {
    private static final Logger LOG = LoggerFactory.getLogger(HAClient.class);
    private static final long RETRY_MILLIS = 1000;
    private static final int FRAME_HEADER = 12;

    private final MessageStore store;
    private final ReplicationConfig replication;
    private volatile String masterHaAddress;
    /** Wakes the replication thread from its retry pause when the master changes. */
    private final Object addressChanged = new Object();
    private volatile boolean running;
    private volatile Socket socket;
    /** Controller mode: this slave's brokerId, said first on every connection; -1 speaks plain 4.9. */
    private volatile long replicaId = -1;
    /** Controller mode: the epoch this log follows, told by the role owner. */
    private volatile ReplicaEpochs epochs;
    /** Controller mode: the highest confirmed offset a master sent; consumers here read up to it. */
    private volatile long confirmed;
    private volatile Runnable dispatchWake = () -> { };
    private Thread thread;

    public HAClient(MessageStore store, ReplicationConfig replication) {
        this.store = store;
        this.replication = replication;
        this.masterHaAddress = replication.getHaMasterAddress();
    }

    /** Points replication at a (new) master {@code host:port}; a changed address drops the current connection. */
    public void updateMasterAddress(String address) {
        if (address == null || address.equals(masterHaAddress)) {
            return;
        }
        LOG.info("master HA address changed from {} to {}", masterHaAddress, address);
        masterHaAddress = address;
        closeSocket();
        synchronized (addressChanged) {
            addressChanged.notifyAll();
        }
    }

    /** Controller mode: say {@code brokerId} first on every connection (see {@link ReplicaHello}). */
    public void sayReplicaId(long brokerId) {
        this.replicaId = brokerId;
    }

    /** Controller mode: refuse masters of an epoch older than the one {@code source} says this log follows. */
    public void followEpochs(ReplicaEpochs source) {
        this.epochs = source;
    }

    /** Controller mode: the offset up to which this slave serves reads (what its master last called confirmed). */
    public long confirmedOffset() {
        return confirmed;
    }

    public String masterAddress() {
        return masterHaAddress;
    }

    public synchronized void start() {
        if (replicaId >= 0) {
            // what a failover could take away stays unread here too; a promotion sets the master's own limit
            dispatchWake = store.limitDispatchTo(() -> confirmed);
        }
        running = true;
        thread = new Thread(this::run, "HAClient");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops replicating and returns once the replication thread has ended, so no replicated append can follow:
     * a slave being promoted takes local writes right after this.
     */
    public synchronized void shutdown() {
        running = false;
        closeSocket();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("the replication thread did not end within 10 s");
            }
        }
    }

    private void run() {
        while (running) {
            String addr = masterHaAddress;
            if (addr == null || addr.isBlank()) {
                pause(addr);
                continue;
            }
            try {
                replicateFrom(addr);
            } catch (IOException e) {
                if (running) {
                    LOG.info("replication from {} interrupted: {}", addr, e.toString());
                }
            } finally {
                closeSocket();
            }
            pause(addr);
        }
    }

    /** Waits before the next attempt, unless the master address moves on from {@code tried} meanwhile. */
    private void pause(String tried) {
        synchronized (addressChanged) {
            if (java.util.Objects.equals(tried, masterHaAddress) && running) {
                try {
                    addressChanged.wait(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void replicateFrom(String addr) throws IOException {
        int colon = addr.lastIndexOf(':');
        Socket s = new Socket();
        socket = s;
        s.connect(new InetSocketAddress(addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1))), 3000);
        s.setTcpNoDelay(true);
        s.setSoTimeout(replication.getHaSendHeartbeatInterval());
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        // buffered: a frame's header and body (and often the next frames) come in one read system call
        FrameBuffer buffered = new FrameBuffer(s.getInputStream());
        DataInputStream in = new DataInputStream(buffered);
        LOG.info("connected to master {} at offset {}", addr, store.getMaxPhyOffset());
        ReplicaHello.Answer master = null;
        if (replicaId >= 0) {
            java.nio.ByteBuffer hello = java.nio.ByteBuffer.allocate(ReplicaHello.SIZE);
            ReplicaHello.write(hello, replicaId);
            out.write(hello.array());
            out.flush();
            master = ReplicaHello.readAnswer(in);
            checkMaster(addr, master);
        }
        int header = master == null ? FRAME_HEADER : HAConnection.TAGGED_FRAME_HEADER;
        int lastEpoch = 0;
        report(out);
        long lastRead = MonotonicClock.millis();
        byte[] buf = new byte[Math.max(replication.getHaTransferBatchSize(), 64 * 1024)];
        while (running && addr.equals(masterHaAddress)) {
            long start;
            int size;
            try {
                start = in.readLong();
                size = in.readInt();
                if (master != null) {
                    lastEpoch = checkFrameEpoch(in.readInt(), lastEpoch, master, start);
                    confirmedUpTo(in.readLong());
                }
            } catch (SocketTimeoutException e) {
                if (MonotonicClock.millis() - lastRead > replication.getHaHousekeepingInterval()) {
                    throw new IOException("master silent for " + replication.getHaHousekeepingInterval() + " ms");
                }
                report(out);
                continue;
            }
            lastRead = MonotonicClock.millis();
            if (size < 0 || size > 64 * 1024 * 1024) {
                throw new IOException("bad frame size " + size);
            }
            if (size > buf.length) {
                buf = new byte[size];
            }
            in.readFully(buf, 0, size);
            if (size == 0) {
                long mine = store.getMaxPhyOffset();
                if (start < mine) {
                    truncateTo(start, mine);
                }
                report(out);
                continue;
            }
            long mine = store.getMaxPhyOffset();
            if (mine != 0 && start < mine) {
                truncateTo(start, mine);
            } else if (mine != 0 && start > mine) {
                throw new IOException("master sent offset " + start + " but this slave is at " + mine);
            }
            if (!store.appendToCommitLog(start, buf, 0, size)) {
                throw new IOException("cannot append replicated bytes at " + start);
            }
            // one report for the frames already read in: the master reads each report and wakes its waiters. Only
            // what is in memory counts; asking the socket would cost a system call per frame, and waiting for
            // bytes still in flight would hold back the acknowledgement SYNC_MASTER senders wait for
            if (buffered.buffered() < header) {
                report(out);
            }
        }
    }

    /**
     * A master of an older epoch than this log follows was deposed; a log that runs past the start of the first
     * epoch it did not follow holds bytes that master never had (the role owner cuts them before replicating).
     */
    private void checkMaster(String addr, ReplicaHello.Answer master) throws IOException {
        ReplicaEpochs mine = epochs;
        int followed = mine == null ? 0 : mine.currentEpoch();
        if (master.masterEpoch() < followed) {
            throw new IOException("master " + addr + " is in epoch " + master.masterEpoch()
                    + ", older than epoch " + followed + " this log follows: not replicating from a deposed master");
        }
        long divergence = master.history().divergenceAfter(followed);
        long end = store.getMaxPhyOffset();
        if (end > divergence) {
            throw new IOException("this log ends at " + end + ", past " + divergence + " where the first epoch after "
                    + followed + " began on master " + addr + ": it must be cut back first");
        }
        LOG.info("master {} is in epoch {} (history {}); this log follows epoch {}", addr, master.masterEpoch(),
                master.history(), followed);
    }

    /** Frames come in epoch order, none newer than the master's own epoch; returns the frame's epoch. */
    private static int checkFrameEpoch(int epoch, int previous, ReplicaHello.Answer master, long start)
            throws IOException {
        if (epoch < previous || epoch > master.masterEpoch()) {
            throw new IOException("frame at " + start + " is of epoch " + epoch + " after epoch " + previous
                    + " from a master in epoch " + master.masterEpoch());
        }
        if (epoch > previous && previous > 0) {
            LOG.info("epoch {} begins at {} in the replicated log", epoch, start);
        }
        return epoch;
    }

    private void confirmedUpTo(long offset) {
        if (offset > confirmed) {
            confirmed = offset;
            dispatchWake.run();
        }
    }

    /** The master's log ends before ours: what we hold beyond it was never the master's, so it goes. */
    private void truncateTo(long masterOffset, long mine) throws IOException {
        LOG.warn("this slave's log ({}) runs past its master's ({}): truncating to the master's end", mine,
                masterOffset);
        if (!store.truncateCommitLog(masterOffset)) {
            throw new IOException("cannot truncate the CommitLog to " + masterOffset);
        }
    }

    private void report(DataOutputStream out) throws IOException {
        out.writeLong(store.getMaxPhyOffset());
        out.flush();
    }

    /** A read buffer that tells how much it already holds, without asking the socket. */
    private static final class FrameBuffer extends BufferedInputStream {
        FrameBuffer(InputStream in) {
            super(in, 256 * 1024);
        }

        int buffered() {
            return count - pos;
        }
    }

    private void closeSocket() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
