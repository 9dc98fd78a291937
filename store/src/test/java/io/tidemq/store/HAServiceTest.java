package io.tidemq.store;

import io.tidemq.store.ha.HAService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** The master's replication endpoint, driven by a hand-written slave speaking the 4.9 HA wire format. */
class HAServiceTest {
    @TempDir
    Path dir;
    DefaultMessageStore store;
    HAService ha;

    @AfterEach
    void close() {
        if (ha != null) {
            ha.shutdown();
        }
        store.shutdown();
    }

    private void start(BrokerRole role, int housekeepingMillis) throws IOException {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.setBrokerRole(role);
        config.replication().setHaListenPort(freePort());
        config.replication().setHaSendHeartbeatInterval(100);
        config.replication().setHaHousekeepingInterval(housekeepingMillis);
        store = Stores.open(config);
        ha = new HAService(store, config.replication());
        ha.start("127.0.0.1");
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", store.config().replication().getHaListenPort()), 3000);
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void aSlaveReceivesTheLogByteForByteInFramesAndItsReportsCount() throws Exception {
        for (BrokerRole role : new BrokerRole[]{BrokerRole.ASYNC_MASTER, BrokerRole.SYNC_MASTER}) {
            start(role, 20_000);
            for (int i = 0; i < 300; i++) {
                store.putMessage(message("T", i % 4, "m" + i + "-" + "x".repeat(i * 7 % 900)));
            }
            long end = store.getMaxPhyOffset();
            try (Socket s = connect()) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                DataInputStream in = new DataInputStream(s.getInputStream());
                out.writeLong(0);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                long expectedStart = 0;
                while (got.size() < end) {
                    long start = in.readLong();
                    int size = in.readInt();
                    byte[] body = new byte[size];
                    in.readFully(body);
                    if (size == 0) {
                        continue;
                    }
                    assertThat(start).as("frames are contiguous").isEqualTo(expectedStart);
                    got.write(body);
                    expectedStart += size;
                }
                assertThat(got.size()).isEqualTo(end);
                assertThat(got.toByteArray()).isEqualTo(commitLogBytes(end));

                assertThat(ha.push2SlaveMaxOffset()).isZero();
                out.writeLong(end);
                long deadline = System.currentTimeMillis() + 5000;
                while (ha.push2SlaveMaxOffset() < end && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(ha.push2SlaveMaxOffset()).isEqualTo(end);
            }
            close();
            ha = null;
        }
    }

    @Test
    void aSlaveThatStopsReportingIsDisconnectedAfterTheHousekeepingInterval() throws Exception {
        start(BrokerRole.ASYNC_MASTER, 600);
        try (Socket s = connect()) {
            new DataOutputStream(s.getOutputStream()).writeLong(0);
            DataInputStream in = new DataInputStream(s.getInputStream());
            long began = System.currentTimeMillis();
            int heartbeats = 0;
            try {
                while (System.currentTimeMillis() - began < 10_000) {
                    in.readLong();
                    int size = in.readInt();
                    in.skipNBytes(size);
                    heartbeats++;
                }
            } catch (EOFException closed) {
                // what we wait for
            }
            assertThat(System.currentTimeMillis() - began).isLessThan(10_000);
            assertThat(heartbeats).as("heartbeat frames before the master gave up").isGreaterThan(0);
        }
        long deadline = System.currentTimeMillis() + 3000;
        while (ha.connectionCount() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ha.connectionCount()).isZero();
    }

    /** The CommitLog from 0 to {@code end}, across its (8 KiB) files. */
    private byte[] commitLogBytes(long end) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (all.size() < end) {
            SelectMappedBufferResult part = store.getCommitLogData(all.size());
            assertThat(part).isNotNull();
            try {
                byte[] b = new byte[part.size()];
                part.buffer().duplicate().get(b);
                all.writeBytes(b);
            } finally {
                part.release();
            }
        }
        return all.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
