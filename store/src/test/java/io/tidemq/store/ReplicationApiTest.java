package io.tidemq.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** The store side of master/slave replication: raw CommitLog bytes out, verbatim in, truncation. */
class ReplicationApiTest {
    @TempDir
    Path masterDir;
    @TempDir
    Path slaveDir;
    DefaultMessageStore master;
    DefaultMessageStore slave;

    @AfterEach
    void close() {
        master.shutdown();
        slave.shutdown();
    }

    private List<AppendMessageResult> fillMaster(int from, int n) {
        List<AppendMessageResult> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(master.putMessage(message("T", i % 2, "m" + i + "-" + "p".repeat(i * 13 % 700),
                    "KEYS", "k" + i)).appendResult());
        }
        return out;
    }

    /** Copies from the slave's end in odd-sized chunks, so records arrive split. */
    private void replicate() {
        while (slave.getMaxPhyOffset() < master.getMaxPhyOffset()) {
            long at = slave.getMaxPhyOffset() == 0 ? master.getMinPhyOffset() : slave.getMaxPhyOffset();
            SelectMappedBufferResult data = master.getCommitLogData(at);
            assertThat(data).isNotNull();
            try {
                int n = Math.min(data.size(), 777);
                byte[] chunk = new byte[n];
                data.buffer().duplicate().get(chunk);
                assertThat(slave.appendToCommitLog(at, chunk, 0, n)).isTrue();
            } finally {
                data.release();
            }
        }
    }

    private void openBoth() {
        MessageStoreConfig mc = Stores.tinyConfig(masterDir);
        master = Stores.open(mc);
        MessageStoreConfig sc = Stores.tinyConfig(slaveDir);
        sc.setBrokerRole(BrokerRole.SLAVE);
        slave = Stores.open(sc);
    }

    @Test
    void slaveAppliesMasterBytesVerbatimAndDispatchesThem() {
        openBoth();
        List<AppendMessageResult> written = fillMaster(0, 40);
        assertThat(slave.putMessage(message("T", 0, "x")).status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
        assertThat(slave.appendToCommitLog(5, new byte[10], 0, 10)).as("not a file boundary").isFalse();

        replicate();
        assertThat(slave.appendToCommitLog(3, new byte[10], 0, 10)).as("not the slave's end").isFalse();
        assertThat(slave.getMaxPhyOffset()).isEqualTo(master.getMaxPhyOffset());
        assertThat(slave.commitLog().files().snapshot().length)
                .isEqualTo(master.commitLog().files().snapshot().length);
        for (long at = 0; at < master.getMaxPhyOffset(); ) {
            SelectMappedBufferResult m = master.getCommitLogData(at);
            SelectMappedBufferResult s = slave.getCommitLogData(at);
            assertThat(s.buffer()).isEqualTo(m.buffer());
            at += m.size();
            m.release();
            s.release();
        }
        assertThat(slave.awaitDispatched(5000)).isTrue();
        assertThat(slave.getMaxOffsetInQueue("T", 0)).isEqualTo(20);
        assertThat(slave.getMaxOffsetInQueue("T", 1)).isEqualTo(20);
        GetMessageResult r = slave.getMessage("g", "T", 1, 3, 1, MessageFilter.ALL);
        assertThat(Stores.bodyOf(r.messages().get(0))).startsWith("m7-");
        r.release();
        assertThat(DispatchTest.bodies(slave.queryMessage("T", "k39", 3, 0, Long.MAX_VALUE))).hasSize(1);
        assertThat(slave.lookMessageByOffset(written.get(39).wroteOffset()).getMsgId())
                .isEqualTo(written.get(39).msgIds());
    }

    @Test
    void droppedQueueUnitsAreRebuiltFromTheCommitLog() {
        openBoth();
        List<AppendMessageResult> written = fillMaster(0, 30);
        assertThat(master.awaitDispatched(5000)).isTrue();
        master.truncateDirtyLogicFiles(written.get(10).wroteOffset());
        assertThat(master.getMaxOffsetInQueue("T", 0)).isLessThanOrEqualTo(15);
        assertThat(master.awaitDispatched(5000)).isTrue();
        assertThat(master.getMaxOffsetInQueue("T", 0)).isEqualTo(15);
        assertThat(master.getMaxOffsetInQueue("T", 1)).isEqualTo(15);
        assertThat(master.getCommitLogOffsetInQueue("T", 1, 14)).isEqualTo(written.get(29).wroteOffset());
    }

    @Test
    void divergedSlaveTruncatesToTheCommonPointAndCatchesUpAgain() {
        openBoth();
        List<AppendMessageResult> written = fillMaster(0, 30);
        replicate();
        assertThat(slave.awaitDispatched(5000)).isTrue();
        long cut = written.get(21).wroteOffset();

        assertThat(slave.truncateCommitLog(cut)).isTrue();
        assertThat(slave.getMaxPhyOffset()).isEqualTo(cut);
        assertThat(slave.lookMessageByOffset(cut)).isNull();
        assertThat(slave.getMaxOffsetInQueue("T", 0)).as("records 0, 2, .., 20 remain").isEqualTo(11);
        assertThat(slave.getMaxOffsetInQueue("T", 1)).as("records 1, 3, .., 19 remain").isEqualTo(10);
        assertThat(DispatchTest.bodies(slave.queryMessage("T", "k25", 3, 0, Long.MAX_VALUE))).isEmpty();
        assertThat(slave.truncateCommitLog(slave.getMaxPhyOffset() + 1)).isFalse();

        fillMaster(30, 10);
        replicate();
        assertThat(slave.awaitDispatched(5000)).isTrue();
        assertThat(slave.getMaxOffsetInQueue("T", 0)).isEqualTo(20);
        assertThat(DispatchTest.bodies(slave.queryMessage("T", "k25", 3, 0, Long.MAX_VALUE))).hasSize(1);
        assertThat(DispatchTest.bodies(slave.queryMessage("T", "k35", 3, 0, Long.MAX_VALUE))).hasSize(1);

        slave.shutdown();
        MessageStoreConfig sc = Stores.tinyConfig(slaveDir);
        sc.setBrokerRole(BrokerRole.SLAVE);
        slave = Stores.open(sc);
        assertThat(slave.getMaxPhyOffset()).isEqualTo(master.getMaxPhyOffset());
        assertThat(slave.getMaxOffsetInQueue("T", 1)).isEqualTo(20);
    }

    /** Copies the master's bytes in [from, to) to the slave's end in one piece (which may end mid-record). */
    private void replicateRange(long from, long to) {
        SelectMappedBufferResult data = master.getCommitLogData(from);
        try {
            byte[] chunk = new byte[(int) (to - from)];
            data.buffer().duplicate().get(chunk);
            assertThat(slave.appendToCommitLog(from, chunk, 0, chunk.length)).isTrue();
        } finally {
            data.release();
        }
    }

    @Test
    void promotedSlaveCutsAHalfReceivedRecordAndContinuesEveryQueue() {
        openBoth();
        List<AppendMessageResult> written = fillMaster(0, 9);
        AppendMessageResult last = written.get(8);
        // everything up to the middle of record 8: what a slave holds when its master dies mid-frame
        replicateRange(0, last.wroteOffset() + last.wroteBytes() / 2);

        assertThat(slave.changeRole(BrokerRole.ASYNC_MASTER)).isTrue();
        assertThat(slave.role()).isEqualTo(BrokerRole.ASYNC_MASTER);
        assertThat(slave.getMaxPhyOffset()).as("the half record is gone").isEqualTo(last.wroteOffset());
        assertThat(slave.getMaxOffsetInQueue("T", 0)).as("records 0, 2, 4, 6").isEqualTo(4);
        assertThat(slave.getMaxOffsetInQueue("T", 1)).as("records 1, 3, 5, 7").isEqualTo(4);

        PutMessageResult put = slave.putMessage(message("T", 0, "after promotion"));
        assertThat(put.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(put.appendResult().wroteOffset()).isEqualTo(last.wroteOffset());
        assertThat(put.appendResult().logicsOffset()).as("the queue continues, no offset reused").isEqualTo(4);
        assertThat(slave.putMessage(message("T", 1, "x")).appendResult().logicsOffset()).isEqualTo(4);
        assertThat(slave.awaitDispatched(5000)).isTrue();
        assertThat(new String(slave.lookMessageByOffset(last.wroteOffset()).getBody(), StandardCharsets.UTF_8)).isEqualTo("after promotion");

        assertThat(slave.changeRole(BrokerRole.SLAVE)).isTrue();
        assertThat(slave.putMessage(message("T", 0, "refused")).status())
                .isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
        assertThat(slave.getMaxOffsetInQueue("T", 0)).isEqualTo(5);
    }

    @Test
    void demotedMasterRefusesWritesAndTakesReplicatedBytes() {
        openBoth();
        fillMaster(0, 6);
        replicate();
        assertThat(slave.awaitDispatched(5000)).isTrue();
        // the pair swaps: the old slave is master, the old master replicates from it
        assertThat(master.changeRole(BrokerRole.SLAVE)).isTrue();
        assertThat(slave.changeRole(BrokerRole.SYNC_MASTER)).isTrue();
        assertThat(master.putMessage(message("T", 0, "no")).status())
                .isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
        long end = slave.getMaxPhyOffset();
        AppendMessageResult r = slave.putMessage(message("T", 0, "on the new master")).appendResult();
        assertThat(r.logicsOffset()).isEqualTo(3);
        SelectMappedBufferResult data = slave.getCommitLogData(end);
        byte[] bytes = new byte[data.size()];
        data.buffer().duplicate().get(bytes);
        data.release();
        assertThat(master.appendToCommitLog(end, bytes, 0, bytes.length)).isTrue();
        assertThat(master.awaitDispatched(5000)).isTrue();
        assertThat(master.getMaxOffsetInQueue("T", 0)).isEqualTo(4);
        assertThat(new String(master.lookMessageByOffset(end).getBody(), StandardCharsets.UTF_8)).isEqualTo("on the new master");
    }
}
