package io.tidemq.store.ha;

import io.tidemq.store.IdleNaps;
import io.tidemq.store.MessageStore;
import io.tidemq.store.SelectMappedBufferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * One slave connected to this master. The slave reports its CommitLog max offset (8-byte longs); the master streams
 * raw CommitLog bytes from there in frames {@code [long startOffset][int size][bytes]} (size 0 = heartbeat). This is
 * the wire format of RocketMQ 4.9 HA, so official slaves replicate from us too.
 */
final class HAConnection {
    private static final Logger LOG = LoggerFactory.getLogger(HAConnection.class);
    private static final int FRAME_HEADER = 12;

    private final Socket socket;
    private final MessageStore store;
    private final HAService service;
    private final int batchSize;
    private final long heartbeatMillis;
    private final long housekeepingMillis;
    private volatile boolean running = true;
    /** Highest offset the slave reported; -1 until the first report. */
    private volatile long slaveAckOffset = -1;
    private volatile long lastReadMillis = System.currentTimeMillis();

    HAConnection(Socket socket, MessageStore store, HAService service, int batchSize, long heartbeatMillis,
                 long housekeepingMillis) {
        this.socket = socket;
        this.store = store;
        this.service = service;
        this.batchSize = batchSize;
        this.heartbeatMillis = heartbeatMillis;
        this.housekeepingMillis = housekeepingMillis;
    }

    void start() {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        Thread reader = new Thread(this::readReports, "HAConnection-read-" + peer);
        Thread writer = new Thread(this::transfer, "HAConnection-write-" + peer);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    long slaveAckOffset() {
        return slaveAckOffset;
    }

    private void readReports() {
        try {
            socket.setSoTimeout(1000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (running) {
                long offset;
                try {
                    offset = in.readLong();
                } catch (SocketTimeoutException e) {
                    if (System.currentTimeMillis() - lastReadMillis > housekeepingMillis) {
                        LOG.warn("slave {} silent for {} ms, closing", socket.getRemoteSocketAddress(),
                                housekeepingMillis);
                        break;
                    }
                    continue;
                }
                lastReadMillis = System.currentTimeMillis();
                long ours = store.getMaxPhyOffset();
                if (offset > ours) {
                    // the slave holds bytes this master does not (e.g. the master lost its unflushed tail): stream
                    // from our end, which tells a TideMQ slave to cut its log back to the common point
                    if (slaveAckOffset < 0) {
                        LOG.warn("slave {} is at {} beyond our max {}: it will be truncated to {}",
                                socket.getRemoteSocketAddress(), offset, ours, ours);
                        slaveAckOffset = ours;
                    }
                    continue;
                }
                slaveAckOffset = offset;
                service.slaveAcknowledged(offset);
            }
        } catch (IOException e) {
            LOG.info("slave {} disconnected: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            close();
        }
    }

    private void transfer() {
        try {
            OutputStream out = socket.getOutputStream();
            while (running && slaveAckOffset < 0) {
                Thread.sleep(10);
            }
            long next = slaveAckOffset;
            if (next == 0) {
                // a fresh slave starts with our oldest data still present
                next = store.getMinPhyOffset();
            }
            LOG.info("transferring to slave {} from offset {}", socket.getRemoteSocketAddress(), next);
            long lastWrite = System.currentTimeMillis();
            ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + batchSize);
            // a new message waits at most 0.2 ms to be sent while the link is busy (bounds SYNC_MASTER's added
            // latency); after about 5 ms without new data the thread sleeps until an append wakes it
            IdleNaps naps = new IdleNaps(200_000, 25);
            while (running) {
                SelectMappedBufferResult data = next < store.getMaxPhyOffset() ? store.getCommitLogData(next) : null;
                if (data == null) {
                    if (System.currentTimeMillis() - lastWrite > heartbeatMillis) {
                        writeFrame(out, frame, next, null, 0);
                        lastWrite = System.currentTimeMillis();
                    }
                    if (!naps.napUnlessDrowsy()) {
                        service.awaitNewData(next, 100);
                    }
                    continue;
                }
                naps.worked();
                try {
                    int size = Math.min(data.size(), batchSize);
                    ByteBuffer slice = data.buffer().duplicate();
                    slice.limit(slice.position() + size);
                    writeFrame(out, frame, next, slice, size);
                    next += size;
                    lastWrite = System.currentTimeMillis();
                } finally {
                    data.release();
                }
            }
        } catch (IOException e) {
            LOG.info("transfer to slave {} stopped: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** One frame in one write: header and body are copied into {@code frame} (sized for the largest batch). */
    private static void writeFrame(OutputStream out, ByteBuffer frame, long offset, ByteBuffer body, int size)
            throws IOException {
        frame.clear();
        frame.putLong(offset).putInt(size);
        if (body != null) {
            frame.put(body);
        }
        out.write(frame.array(), 0, frame.position());
        out.flush();
    }

    void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        service.removeConnection(this);
    }
}
