package io.tidemq.store.ha;

import io.tidemq.common.MonotonicClock;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.IdleNaps;
import io.tidemq.store.MessageStore;
import io.tidemq.store.ReplicationConfig;
import io.tidemq.store.SelectMappedBufferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * One slave connected to this master. The slave reports its CommitLog max offset (8-byte longs); the master streams
 * raw CommitLog bytes from there in frames {@code [long startOffset][int size][bytes]} (size 0 = heartbeat). This is
 * the wire format of RocketMQ 4.9 HA, so official slaves replicate from us too. In controller mode the slave says
 * hello first and gets the master's epoch history ({@link ReplicaHello}), and every frame header also carries the
 * epoch that wrote its bytes and the confirmed offset, {@code [long startOffset][int size][int epoch][long
 * confirmed]}; a frame never holds bytes of two epochs.
 */
final class HAConnection {
    private static final Logger LOG = LoggerFactory.getLogger(HAConnection.class);
    private static final int FRAME_HEADER = 12;
    static final int TAGGED_FRAME_HEADER = 24;
    /**
     * ASYNC_MASTER: a partial frame waits this long for more data before it goes. Every frame costs a write here, a
     * read, an append and a report on the slave and a read here again; at 1 ms the frames of a busy master are about
     * five times fewer and larger, and a slave is still at most a few milliseconds behind.
     */
    private static final long ASYNC_LINGER_NANOS = 1_000_000;
    /** SYNC_MASTER: senders wait for the copy, so a frame goes as soon as there is data (after at most this nap). */
    private static final long SYNC_NAP_NANOS = 200_000;

    private final SocketChannel channel;
    private final String peer;
    private final MessageStore store;
    private final HAService service;
    private final ReplicationConfig replication;
    private volatile boolean running = true;
    /** Highest offset the slave reported; -1 until the first report. */
    private volatile long slaveAckOffset = -1;
    private volatile long lastReadMillis = MonotonicClock.millis();
    /** When the slave last reported holding everything this master had then (its connection time at first). */
    private volatile long caughtUpMillis = MonotonicClock.millis();
    /** The slave's brokerId from its hello (controller mode), else -1. */
    private volatile long replicaId = -1;
    /** Controller mode: frames carry epoch and confirmed offset (set before the first report is taken). */
    private volatile boolean tagged;
    /** The confirmed offset last sent to the slave. */
    private long sentConfirmed = -1;

    HAConnection(SocketChannel channel, MessageStore store, HAService service, ReplicationConfig replication) {
        this.channel = channel;
        this.peer = String.valueOf(channel.socket().getRemoteSocketAddress());
        this.store = store;
        this.service = service;
        this.replication = replication;
    }

    String peer() {
        return peer;
    }

    void start() {
        Thread reader = new Thread(this::readReports, "HAConnection-read-" + peer);
        Thread writer = new Thread(this::transfer, "HAConnection-write-" + peer);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    long replicaId() {
        return replicaId;
    }

    long slaveAckOffset() {
        return slaveAckOffset;
    }

    /** How far this slave is behind {@code masterMaxOffset}, in bytes and in time since it last held everything. */
    SlaveProgress progress(long masterMaxOffset, long now) {
        long acked = Math.max(0, slaveAckOffset);
        long behind = Math.max(0, masterMaxOffset - acked);
        String address = peer.startsWith("/") ? peer.substring(1) : peer;
        return new SlaveProgress(address, acked, behind, behind == 0 ? 0 : Math.max(0, now - caughtUpMillis),
                replicaId);
    }

    /**
     * Blocking reads straight on the channel: one system call per wake-up (a socket timeout would add a poll to
     * each). A silent slave is detected by the transfer thread, which closes the channel and so ends this read.
     */
    private void readReports() {
        ByteBuffer in = ByteBuffer.allocateDirect(8 * 64);
        try {
            if (service.expectsReplicaHello() && !readHello(in)) {
                return;
            }
            while (running) {
                if (channel.read(in) < 0) {
                    LOG.info("slave {} closed the connection", peer);
                    break;
                }
                lastReadMillis = MonotonicClock.millis();
                in.flip();
                long latest = -1;
                while (in.remaining() >= 8) {
                    latest = in.getLong();
                }
                in.compact();
                if (latest >= 0) {
                    acknowledge(latest);
                }
            }
        } catch (IOException e) {
            if (running) {
                LOG.info("slave {} disconnected: {}", peer, e.toString());
            }
        } finally {
            close();
        }
    }

    /**
     * Controller mode: a slave first says who it is ({@link ReplicaHello}), so its acknowledgements count for its
     * place in the in-sync set. Anything else is refused.
     */
    private boolean readHello(ByteBuffer in) throws IOException {
        in.limit(ReplicaHello.SIZE);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                return false;
            }
        }
        in.flip();
        long id = ReplicaHello.read(in);
        in.clear();
        if (id == -2) {
            LOG.warn("slave {} speaks an older TideMQ replication handshake (no epochs): refused, upgrade it", peer);
            return false;
        }
        if (id < 0) {
            LOG.warn("slave {} sent no replica hello: refused (controller mode needs a TideMQ slave)", peer);
            return false;
        }
        ReplicaEpochs epochs = service.epochs();
        int epoch = epochs.currentEpoch();
        EpochHistory history = epochs.history();
        ByteBuffer answer = ReplicaHello.answer(epoch, history);
        while (answer.hasRemaining()) {
            channel.write(answer);
        }
        replicaId = id;
        tagged = true;
        LOG.info("slave {} is brokerId {}; told it epoch {} and history {}", peer, id, epoch, history);
        return true;
    }

    private void acknowledge(long offset) {
        long ours = store.getMaxPhyOffset();
        if (offset > ours) {
            // the slave holds bytes this master does not (e.g. the master lost its unflushed tail): stream from our
            // end, which tells a TideMQ slave to cut its log back to the common point
            if (slaveAckOffset < 0) {
                LOG.warn("slave {} is at {} beyond our max {}: it will be truncated to {}", peer, offset, ours, ours);
                slaveAckOffset = ours;
            }
            return;
        }
        slaveAckOffset = offset;
        if (offset == ours) {
            caughtUpMillis = MonotonicClock.millis();
        }
        service.slaveAcknowledged(offset);
    }

    private void transfer() {
        try {
            while (running && slaveAckOffset < 0) {
                Thread.sleep(10);
                closeIfSilent();
            }
            long next = slaveAckOffset;
            if (next == 0) {
                // a fresh slave starts with our oldest data still present
                next = store.getMinPhyOffset();
            }
            LOG.info("transferring to slave {} from offset {}", peer, next);
            int batchSize = replication.getHaTransferBatchSize();
            long lastWrite = MonotonicClock.millis();
            ByteBuffer header = ByteBuffer.allocateDirect(tagged ? TAGGED_FRAME_HEADER : FRAME_HEADER);
            // a role change stops the HA service and its connections, so the role holds for this loop's life;
            // after about 5 ms without new data the thread sleeps until an append wakes it
            boolean sync = store.role() == BrokerRole.SYNC_MASTER;
            IdleNaps naps = sync ? new IdleNaps(SYNC_NAP_NANOS, 25) : new IdleNaps(ASYNC_LINGER_NANOS, 5);
            boolean lingered = false;
            while (running) {
                long end = store.getMaxPhyOffset();
                if (next >= end) {
                    if (tagged && confirmedNow(end) > sentConfirmed) {
                        // nothing new to send, but the slave may now serve what every in-sync replica holds
                        writeFrame(header, next, null);
                        lastWrite = MonotonicClock.millis();
                        continue;
                    }
                    if (MonotonicClock.millis() - lastWrite > replication.getHaSendHeartbeatInterval()) {
                        writeFrame(header, next, null);
                        lastWrite = MonotonicClock.millis();
                        closeIfSilent();
                    }
                    if (!naps.napUnlessDrowsy()) {
                        service.awaitNewData(next, 100);
                    }
                    lingered = true;
                    continue;
                }
                if (!sync && !lingered && end - next < batchSize) {
                    LockSupport.parkNanos(this, ASYNC_LINGER_NANOS);
                    lingered = true;
                    continue;
                }
                naps.worked();
                lingered = false;
                SelectMappedBufferResult data = store.getCommitLogData(next);
                if (data == null) {
                    continue;
                }
                try {
                    int size = (int) Math.min(Math.min(data.size(), batchSize), epochEnd(next) - next);
                    ByteBuffer slice = data.buffer().duplicate();
                    slice.limit(slice.position() + size);
                    writeFrame(header, next, slice);
                    next += size;
                    lastWrite = MonotonicClock.millis();
                    closeIfSilent();
                } finally {
                    data.release();
                }
            }
        } catch (IOException e) {
            if (running) {
                LOG.info("transfer to slave {} stopped: {}", peer, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private void closeIfSilent() {
        if (MonotonicClock.millis() - lastReadMillis > replication.getHaHousekeepingInterval()) {
            LOG.warn("slave {} silent for {} ms, closing", peer, replication.getHaHousekeepingInterval());
            close();
        }
    }

    /** Where the epoch holding {@code offset} ends (a tagged frame stops there); MAX_VALUE in 4.9 mode. */
    private long epochEnd(long offset) {
        return tagged ? service.epochs().history().nextStartAfter(offset) : Long.MAX_VALUE;
    }

    /** What every in-sync replica holds, capped at this master's log end {@code end}. */
    private long confirmedNow(long end) {
        return Math.min(service.confirmedOffset(), end);
    }

    /** Header and body in one gathering write, the body straight from the mapped CommitLog. */
    private void writeFrame(ByteBuffer header, long offset, ByteBuffer body) throws IOException {
        header.clear();
        header.putLong(offset).putInt(body == null ? 0 : body.remaining());
        if (tagged) {
            long confirmed = confirmedNow(store.getMaxPhyOffset());
            header.putInt(service.epochs().history().epochAt(offset)).putLong(confirmed);
            sentConfirmed = confirmed;
        }
        header.flip();
        if (body == null) {
            while (header.hasRemaining()) {
                channel.write(header);
            }
            return;
        }
        ByteBuffer[] frame = {header, body};
        while (body.hasRemaining()) {
            channel.write(frame);
        }
    }

    void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        service.removeConnection(this);
    }
}
