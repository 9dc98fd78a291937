package io.tidemq.store;

import io.tidemq.common.message.MessageExt;
import io.tidemq.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** Clean restarts and crashes with a damaged CommitLog tail (torn, zeroed, corrupt). */
class RecoveryTest {
    @TempDir
    Path dir;
    MessageStoreConfig config;
    DefaultMessageStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.shutdown();
        }
    }

    private List<AppendMessageResult> fill(int n) {
        List<AppendMessageResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(store.putMessage(message("T", i % 3, "body-" + i + "-" + "x".repeat(i * 7 % 300),
                    "KEYS", "key" + i, "TAGS", "tag" + (i % 2))).appendResult());
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        return out;
    }

    private DefaultMessageStore reopen() {
        store = new DefaultMessageStore(config, new MutableClock(1_800_000_000_000L), d -> 0.1);
        assertThat(store.load()).isTrue();
        store.start();
        return store;
    }

    private void assertPresent(List<AppendMessageResult> written, int count) {
        for (int i = 0; i < count; i++) {
            MessageExt m = store.lookMessageByOffset(written.get(i).wroteOffset());
            assertThat(m).as("record %d", i).isNotNull();
            assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).startsWith("body-" + i + "-");
            assertThat(m.getQueueOffset()).isEqualTo(written.get(i).logicsOffset());
        }
    }

    @Test
    void cleanRestartKeepsEverythingAndContinuesOffsets() throws Exception {
        config = Stores.tinyConfig(dir);
        store = Stores.open(config);
        List<AppendMessageResult> written = fill(60);
        long max = store.getMaxPhyOffset();
        store.shutdown();
        assertThat(new File(dir.toFile(), "abort")).doesNotExist();
        assertThat(new File(dir.toFile(), "checkpoint")).hasSize(4096);
        assertThat(new File(dir.toFile(), "lock")).exists();
        assertThat(new File(dir.toFile(), "commitlog/00000000000000000000")).hasSize(8 * 1024);
        assertThat(new File(dir.toFile(), "consumequeue/T/2/00000000000000000000")).hasSize(200);
        assertThat(new File(dir.toFile(), "index").list()).allMatch(n -> n.matches("\\d{17}"));

        reopen();
        assertThat(store.getMaxPhyOffset()).isEqualTo(max);
        assertPresent(written, 60);
        assertThat(store.getMaxOffsetInQueue("T", 0)).isEqualTo(20);
        assertThat(DispatchTest.bodies(store.queryMessage("T", "key33", 5, 0, Long.MAX_VALUE))).hasSize(1);
        PutMessageResult next = store.putMessage(message("T", 1, "after"));
        assertThat(next.appendResult().logicsOffset()).isEqualTo(20);
        assertThat(next.appendResult().wroteOffset()).isGreaterThanOrEqualTo(max);
    }

    @Test
    void crashRebuildsQueuesAndIndexFromTheCommitLog() {
        config = Stores.tinyConfig(dir);
        store = Stores.open(config);
        List<AppendMessageResult> written = fill(60);
        store.crashForTest();
        assertThat(new File(dir.toFile(), "abort")).exists();
        deleteRecursively(new File(dir.toFile(), "consumequeue"));
        deleteRecursively(new File(dir.toFile(), "index"));

        reopen();
        assertPresent(written, 60);
        assertThat(store.getMaxOffsetInQueue("T", 2)).isEqualTo(20);
        GetMessageResult r = store.getMessage("g", "T", 2, 0, 32, MessageFilter.ALL);
        assertThat(Stores.bodyOf(r.messages().get(0))).startsWith("body-2-");
        r.release();
        assertThat(DispatchTest.bodies(store.queryMessage("T", "key59", 5, 0, Long.MAX_VALUE))).hasSize(1);
    }

    /** Index file names are creation times: the reopened store's clock runs in 2027, the writer's in 2023. */
    private List<String> indexFilesNamedAfterTheWriterRan() {
        List<String> out = new ArrayList<>();
        for (String n : new File(dir.toFile(), "index").list()) {
            if (n.compareTo("2025") > 0) {
                out.add(n);
            }
        }
        return out;
    }

    /** 20 records before a checkpoint, 10 after it, then a crash; one index file holds them all. */
    private List<AppendMessageResult> crashAfterACheckpoint() {
        config = Stores.tinyConfig(dir);
        config.index().setMaxIndexNum(1000);
        store = Stores.open(config);
        List<AppendMessageResult> written = fill(20);
        store.flushLogicsNow();
        for (int i = 20; i < 30; i++) {
            written.add(store.putMessage(message("T", i % 3, "body-" + i + "-", "KEYS", "key" + i)).appendResult());
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        store.crashForTest();
        return written;
    }

    @Test
    void aCrashOfTheProcessAloneKeepsTheNewestIndexFileAndCutsItBack() throws Exception {
        List<AppendMessageResult> written = crashAfterACheckpoint();
        AppendMessageResult last = written.get(29);
        Damage.truncateAt(config, last.wroteOffset() + 10);

        reopen();
        assertThat(indexFilesNamedAfterTheWriterRan()).as("nothing rebuilt").isEmpty();
        for (int i = 0; i < 29; i++) {
            assertThat(DispatchTest.bodies(store.queryMessage("T", "key" + i, 5, 0, Long.MAX_VALUE)))
                    .as("key%d", i).hasSize(1);
        }
        assertThat(DispatchTest.bodies(store.queryMessage("T", "key29", 5, 0, Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void aCrashOfTheMachineRebuildsTheNewestIndexFile() throws Exception {
        crashAfterACheckpoint();
        // the abort marker names the boot the store ran in: another one means the machine went down too
        Files.writeString(dir.resolve("abort"), "00000000-0000-0000-0000-000000000000");

        reopen();
        assertThat(indexFilesNamedAfterTheWriterRan()).as("the newest file rebuilt").hasSize(1);
        for (int i = 0; i < 30; i++) {
            assertThat(DispatchTest.bodies(store.queryMessage("T", "key" + i, 5, 0, Long.MAX_VALUE)))
                    .as("key%d", i).hasSize(1);
        }
    }

    @Test
    void tornLastRecordIsCutItsUnitDroppedAndItsSlotReused() throws Exception {
        config = Stores.tinyConfig(dir);
        store = Stores.open(config);
        List<AppendMessageResult> written = fill(30);
        store.crashForTest();
        AppendMessageResult last = written.get(29);
        Damage.truncateAt(config, last.wroteOffset() + last.wroteBytes() / 2);

        reopen();
        assertThat(store.getMaxPhyOffset()).isEqualTo(last.wroteOffset());
        assertThat(store.lookMessageByOffset(last.wroteOffset())).isNull();
        assertPresent(written, 29);
        assertThat(store.getMaxOffsetInQueue("T", 29 % 3)).isEqualTo(last.logicsOffset());
        assertThat(DispatchTest.bodies(store.queryMessage("T", "key29", 5, 0, Long.MAX_VALUE))).isEmpty();
        PutMessageResult again = store.putMessage(message("T", 29 % 3, "replacement"));
        assertThat(again.appendResult().wroteOffset()).isEqualTo(last.wroteOffset());
        assertThat(again.appendResult().logicsOffset()).isEqualTo(last.logicsOffset());
    }

    @Test
    void corruptBodyByteIsDetectedByTheCrc() throws Exception {
        config = Stores.tinyConfig(dir);
        store = Stores.open(config);
        List<AppendMessageResult> written = fill(20);
        store.crashForTest();
        AppendMessageResult victim = written.get(17);
        Damage.flip(config, victim.wroteOffset() + 91 + 2);

        reopen();
        assertThat(store.getMaxPhyOffset()).isEqualTo(victim.wroteOffset());
        assertPresent(written, 17);
        assertThat(store.lookMessageByOffset(written.get(18).wroteOffset())).as("records after the cut are gone")
                .isNull();
        assertThat(store.getMaxOffsetInQueue("T", 17 % 3)).isEqualTo(victim.logicsOffset());
        assertThat(store.getMaxOffsetInQueue("T", 18 % 3)).isEqualTo(written.get(18).logicsOffset());
    }

    @Test
    void bytesBehindTheCutAreZeroedSoStaleRecordsNeverReturn() throws Exception {
        config = Stores.tinyConfig(dir);
        store = Stores.open(config);
        List<AppendMessageResult> written = fill(10);
        store.crashForTest();
        AppendMessageResult a = written.get(7);
        Damage.flip(config, a.wroteOffset() + 91 + 1);

        reopen();
        assertThat(store.getMaxPhyOffset()).isEqualTo(a.wroteOffset());
        assertThat(Damage.readByte(config, written.get(8).wroteOffset() + 4)).isZero();
        store.putMessage(message("T", 0, "short"));
        store.crashForTest();

        reopen();
        assertPresent(written, 7);
        assertThat(new String(store.lookMessageByOffset(a.wroteOffset()).getBody(), StandardCharsets.UTF_8))
                .isEqualTo("short");
        assertThat(store.lookMessageByOffset(written.get(8).wroteOffset())).isNull();
        assertThat(store.lookMessageByOffset(written.get(9).wroteOffset())).isNull();
    }

    @Test
    void damageBeforeTheDurableCheckpointRefusesToOpenUntilTheOperatorDecides() throws Exception {
        config = Stores.tinyConfig(dir);
        config.flush().setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        store = Stores.open(config);
        List<AppendMessageResult> written = fill(40);
        store.flushLogicsNow();
        store.crashForTest();
        long victim = written.get(written.size() - 1).wroteOffset();
        Damage.flip(config, victim + 10);

        DefaultMessageStore refused = new DefaultMessageStore(config, new MutableClock(1), d -> 0.1);
        assertThat(refused.load()).as("acknowledged data was damaged").isFalse();
        assertThat(Damage.readByte(config, victim + 10)).as("nothing truncated").isNotZero();

        Files.delete(dir.resolve("checkpoint"));
        reopen();
        assertThat(store.getMaxPhyOffset()).isEqualTo(victim);
        assertPresent(written, 39);
    }

    @Test
    void unitsPointingPastTheCommitLogEndAreDropped() throws Exception {
        config = Stores.tinyConfig(dir);
        store = Stores.open(config);
        List<AppendMessageResult> written = fill(30);
        store.flushLogicsNow();
        store.crashForTest();
        Damage.zeroFrom(config, written.get(27).wroteOffset());

        reopen();
        assertThat(store.getMaxPhyOffset()).isEqualTo(written.get(27).wroteOffset());
        for (int q = 0; q < 3; q++) {
            assertThat(store.getMaxOffsetInQueue("T", q)).isEqualTo(9);
        }
        assertThat(store.getMessage("g", "T", 0, 9, 32, MessageFilter.ALL).status())
                .isEqualTo(GetMessageStatus.OFFSET_OVERFLOW_ONE);
    }

    @Test
    void aSecondStoreCannotOpenALockedDirectory() {
        config = Stores.tinyConfig(dir);
        store = Stores.open(config);
        DefaultMessageStore second = new DefaultMessageStore(config, new MutableClock(1), d -> 0.1);
        assertThat(second.load()).isFalse();
        assertThat(store.putMessage(message("T", 0, "still mine")).isOk()).isTrue();
    }

    private static void deleteRecursively(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        assertThat(f.delete() || !f.exists()).isTrue();
    }
}
