package io.tidemq.store;

import io.tidemq.store.ha.EpochHistory;
import io.tidemq.store.ha.HAClient;
import io.tidemq.store.ha.HAService;
import io.tidemq.store.ha.ReplicaEpochs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Controller-mode replication: the epoch handshake, frames tagged with their epoch and the confirmed offset, and a
 * slave that serves reads only up to that offset and refuses deposed or diverged masters.
 */
class EpochTaggedReplicationTest {
    private static final long HELLO_MAGIC = 0xD1DE_0A11_0000_0002L;
    private static final long ANSWER_MAGIC = 0xD1DE_0A11_A000_0002L;

    @TempDir
    Path dir;
    private final List<Runnable> closers = new ArrayList<>();

    @AfterEach
    void close() {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).run();
        }
    }

    /** An epoch source a test can change while replication runs. */
    private static final class Epochs implements ReplicaEpochs {
        volatile int current;
        volatile EpochHistory history;

        Epochs(int current, Map<Integer, Long> starts) {
            this.current = current;
            this.history = EpochHistory.of(starts);
        }

        @Override
        public int currentEpoch() {
            return current;
        }

        @Override
        public EpochHistory history() {
            return history;
        }
    }

    private DefaultMessageStore store(String name, BrokerRole role) throws IOException {
        MessageStoreConfig config = Stores.tinyConfig(dir.resolve(name));
        config.setBrokerRole(role);
        config.replication().setHaListenPort(freePort());
        config.replication().setHaSendHeartbeatInterval(100);
        DefaultMessageStore s = Stores.open(config);
        closers.add(s::shutdown);
        return s;
    }

    private HAService master(DefaultMessageStore store, Set<Long> required, ReplicaEpochs epochs) throws IOException {
        HAService ha = new HAService(store, store.config().replication());
        ha.streamEpochs(epochs);
        ha.requireAcksFrom(required);
        ha.start("127.0.0.1");
        closers.add(ha::shutdown);
        return ha;
    }

    private HAClient slave(DefaultMessageStore store, DefaultMessageStore master, long id, ReplicaEpochs epochs) {
        HAClient client = new HAClient(store, store.config().replication());
        client.sayReplicaId(id);
        client.followEpochs(epochs);
        client.updateMasterAddress("127.0.0.1:" + master.config().replication().getHaListenPort());
        client.start();
        closers.add(client::shutdown);
        return client;
    }

    @Test
    void framesCarryTheirEpochAndTheConfirmedOffsetAndNeverSpanTwoEpochs() throws Exception {
        DefaultMessageStore store = store("m", BrokerRole.SYNC_MASTER);
        long epoch3Start = 0;
        for (int i = 0; i < 300; i++) {
            PutMessageResult r = store.putMessage(message("T", i % 4, "m" + i + "-" + "x".repeat(i * 7 % 900)));
            if (i == 149) {
                epoch3Start = r.appendResult().endOffset();
            }
        }
        long end = store.getMaxPhyOffset();
        master(store, Set.of(7L), new Epochs(3, Map.of(1, 0L, 3, epoch3Start)));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", store.config().replication().getHaListenPort()), 3000);
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.writeLong(HELLO_MAGIC);
            out.writeLong(7);
            assertThat(in.readLong()).isEqualTo(ANSWER_MAGIC);
            assertThat(in.readInt()).as("master epoch").isEqualTo(3);
            assertThat(in.readInt()).as("history entries").isEqualTo(2);
            assertThat(new long[]{in.readInt(), in.readLong(), in.readInt(), in.readLong()})
                    .containsExactly(1, 0, 3, epoch3Start);
            out.writeLong(0);

            long expected = 0;
            while (expected < end) {
                long start = in.readLong();
                int size = in.readInt();
                int epoch = in.readInt();
                long confirmed = in.readLong();
                in.skipNBytes(size);
                assertThat(confirmed).as("nothing confirmed before the slave reports").isZero();
                if (size == 0) {
                    continue;
                }
                assertThat(start).isEqualTo(expected);
                assertThat(epoch).isEqualTo(start < epoch3Start ? 1 : 3);
                if (start < epoch3Start) {
                    assertThat(start + size).as("a frame ends where epoch 3 begins").isLessThanOrEqualTo(epoch3Start);
                }
                expected += size;
            }
            out.writeLong(end);
            // nothing new to send: the master still tells the slave that everything is confirmed now
            long confirmed = -1;
            while (confirmed < end) {
                assertThat(in.readLong()).isEqualTo(end);
                assertThat(in.readInt()).isZero();
                assertThat(in.readInt()).isEqualTo(3);
                confirmed = in.readLong();
            }
            assertThat(confirmed).isEqualTo(end);
        }
    }

    @Test
    void aSlaveServesOnlyWhatEveryInSyncReplicaHolds() throws Exception {
        DefaultMessageStore masterStore = store("m", BrokerRole.SYNC_MASTER);
        DefaultMessageStore slaveStore = store("s", BrokerRole.SLAVE);
        Epochs epochs = new Epochs(1, Map.of(1, 0L));
        // replica 2 never connects: nothing is confirmed
        HAService ha = master(masterStore, Set.of(1L, 2L), epochs);
        HAClient client = slave(slaveStore, masterStore, 1, new Epochs(1, Map.of(1, 0L)));
        for (int i = 0; i < 100; i++) {
            masterStore.putMessage(message("T", 0, "body-" + i));
        }
        long end = masterStore.getMaxPhyOffset();
        await().atMost(Duration.ofSeconds(10)).until(() -> slaveStore.getMaxPhyOffset() == end);
        Thread.sleep(300);
        assertThat(client.confirmedOffset()).isZero();
        assertThat(slaveStore.getMaxOffsetInQueue("T", 0)).as("held but unconfirmed: not readable").isZero();

        ha.requireAcksFrom(Set.of(1L));
        await().atMost(Duration.ofSeconds(10)).until(() -> slaveStore.getMaxOffsetInQueue("T", 0) == 100);
        assertThat(client.confirmedOffset()).isEqualTo(end);
        GetMessageResult got = slaveStore.getMessage("g", "T", 0, 99, 1, null);
        assertThat(got.messageCount()).isEqualTo(1);
        got.release();
    }

    @Test
    void aPromotedSlaveKeepsAndServesEveryWholeRecordItHeldUnconfirmed() throws Exception {
        DefaultMessageStore masterStore = store("m", BrokerRole.SYNC_MASTER);
        DefaultMessageStore slaveStore = store("s", BrokerRole.SLAVE);
        master(masterStore, Set.of(1L, 2L), new Epochs(1, Map.of(1, 0L)));
        HAClient client = slave(slaveStore, masterStore, 1, new Epochs(1, Map.of(1, 0L)));
        for (int i = 0; i < 100; i++) {
            masterStore.putMessage(message("T", 0, "body-" + i));
        }
        long end = masterStore.getMaxPhyOffset();
        await().atMost(Duration.ofSeconds(10)).until(() -> slaveStore.getMaxPhyOffset() == end);
        assertThat(slaveStore.getMaxOffsetInQueue("T", 0)).isZero();

        // the master is gone: the slave becomes master with what it holds (the old master may have acknowledged it)
        client.shutdown();
        assertThat(slaveStore.changeRole(BrokerRole.ASYNC_MASTER)).isTrue();
        assertThat(slaveStore.getMaxPhyOffset()).as("no whole record cut").isEqualTo(end);
        assertThat(slaveStore.getMaxOffsetInQueue("T", 0)).isEqualTo(100);
        PutMessageResult next = slaveStore.putMessage(message("T", 0, "after"));
        assertThat(next.isOk()).isTrue();
        assertThat(next.appendResult().wroteOffset()).isEqualTo(end);
        await().atMost(Duration.ofSeconds(10)).until(() -> slaveStore.getMaxOffsetInQueue("T", 0) == 101);
    }

    @Test
    void aSlaveRefusesAMasterOfAnOlderEpochThanItFollows() throws Exception {
        DefaultMessageStore masterStore = store("m", BrokerRole.SYNC_MASTER);
        DefaultMessageStore slaveStore = store("s", BrokerRole.SLAVE);
        for (int i = 0; i < 20; i++) {
            masterStore.putMessage(message("T", 0, "body-" + i));
        }
        Epochs deposed = new Epochs(4, Map.of(4, 0L));
        master(masterStore, Set.of(1L), deposed);
        slave(slaveStore, masterStore, 1, new Epochs(5, Map.of(4, 0L, 5, 0L)));
        Thread.sleep(1500);
        assertThat(slaveStore.getMaxPhyOffset()).as("nothing taken from the deposed master").isZero();

        deposed.history = EpochHistory.of(Map.of(4, 0L, 5, 0L));
        deposed.current = 5;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> slaveStore.getMaxPhyOffset() == masterStore.getMaxPhyOffset());
    }

    @Test
    void aSlaveWhoseLogRunsPastTheFirstEpochItMissedIsNotFed() throws Exception {
        DefaultMessageStore masterStore = store("m", BrokerRole.SYNC_MASTER);
        DefaultMessageStore slaveStore = store("s", BrokerRole.ASYNC_MASTER);
        for (int i = 0; i < 30; i++) {
            masterStore.putMessage(message("T", 0, "master-" + i));
        }
        for (int i = 0; i < 10; i++) {
            slaveStore.putMessage(message("T", 0, "own-" + i));
        }
        // queued before it follows: once a slave, it serves only what its master confirms
        await().atMost(Duration.ofSeconds(5)).until(() -> slaveStore.getMaxOffsetInQueue("T", 0) == 10);
        assertThat(slaveStore.changeRole(BrokerRole.SLAVE)).isTrue();
        long own = slaveStore.getMaxPhyOffset();
        // epoch 2 began at 0: everything this log wrote in epoch 1 was never that master's
        master(masterStore, Set.of(1L), new Epochs(2, Map.of(1, 0L, 2, 0L)));
        slave(slaveStore, masterStore, 1, new Epochs(1, Map.of(1, 0L)));
        Thread.sleep(1500);
        assertThat(slaveStore.getMaxPhyOffset()).isEqualTo(own);
        GetMessageResult got = slaveStore.getMessage("g", "T", 0, 0, 10, null);
        assertThat(got.messageCount()).as("its own records untouched").isEqualTo(10);
        got.release();
    }

    @Test
    void anEpochHistoryNamesTheEpochOfEveryOffsetAndWhereALaggingLogDiverges() {
        EpochHistory h = EpochHistory.of(Map.of(1, 0L, 2, 500L, 4, 500L, 5, 900L));
        assertThat(h.epochAt(0)).isEqualTo(1);
        assertThat(h.epochAt(499)).isEqualTo(1);
        assertThat(h.epochAt(500)).as("epoch 2 wrote nothing: 4 holds 500").isEqualTo(4);
        assertThat(h.epochAt(10_000)).isEqualTo(5);
        assertThat(h.nextStartAfter(0)).isEqualTo(500);
        assertThat(h.nextStartAfter(500)).isEqualTo(900);
        assertThat(h.nextStartAfter(900)).isEqualTo(Long.MAX_VALUE);
        assertThat(h.divergenceAfter(1)).isEqualTo(500);
        assertThat(h.divergenceAfter(4)).isEqualTo(900);
        assertThat(h.divergenceAfter(5)).isEqualTo(Long.MAX_VALUE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EpochHistory.of(Map.of(1, 800L, 2, 500L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not follow");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
