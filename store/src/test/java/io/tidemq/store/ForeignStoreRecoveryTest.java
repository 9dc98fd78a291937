package io.tidemq.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opening stores written by Apache RocketMQ: their checkpoint holds the three timestamps only (none of our offsets),
 * and their folders may sit where Apache puts them rather than where the configuration says.
 */
class ForeignStoreRecoveryTest {
    @TempDir
    Path dir;
    DefaultMessageStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.shutdown();
        }
    }

    /** What Apache's checkpoint looks like: three timestamps, and none of our magic and offsets after them. */
    private void makeCheckpointForeign() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("checkpoint").toFile(), "rw")) {
            for (int i = 0; i < 3; i++) {
                f.writeLong(1_700_000_000_000L);
            }
            f.write(new byte[24]);
        }
    }

    /**
     * Retention deleted the CommitLog files that held every message of topic Old; its consume queue still says how
     * far Old got. Trusting the queues keeps those offsets (a rebuild from the CommitLog would restart Old at 0, and
     * its consumers, whose offsets are past that, would skip every new message).
     */
    @Test
    void queueOffsetsOfDataAlreadyDeletedSurviveAnApacheCheckpoint() throws Exception {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.setMappedFileSizeConsumeQueue(1000 * ConsumeQueue.UNIT_SIZE);
        store = Stores.open(config);
        for (int i = 0; i < 40; i++) {
            store.putMessage(message("Old", 0, "old-" + i + "-" + "x".repeat(400)));
        }
        // more than one CommitLog file of something else, so that Old's last message is in a file retention removes
        for (int i = 0; i < 30; i++) {
            store.putMessage(message("Pad", 0, "pad-" + i + "-" + "z".repeat(400)));
        }
        for (int i = 0; i < 40; i++) {
            store.putMessage(message("New", 0, "new-" + i + "-" + "y".repeat(400)));
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        long firstNewOffset = store.getCommitLogOffsetInQueue("New", 0, 0);
        store.shutdown();
        store = null;
        makeCheckpointForeign();
        // what Apache's retention leaves: the CommitLog files before New's first message are gone
        File[] logs = dir.resolve("commitlog").toFile().listFiles();
        java.util.Arrays.sort(logs);
        for (File f : logs) {
            if (Long.parseLong(f.getName()) + config.getMappedFileSizeCommitLog() <= firstNewOffset) {
                Files.delete(f.toPath());
            }
        }

        store = Stores.open(config);
        assertThat(store.getMinOffsetInQueue("Old", 0)).isEqualTo(40);
        assertThat(store.getMaxOffsetInQueue("Old", 0)).isEqualTo(40);
        assertThat(store.getMaxOffsetInQueue("New", 0)).isEqualTo(40);
        GetMessageResult r = store.getMessage("g", "New", 0, 0, 32, MessageFilter.ALL);
        assertThat(Stores.bodyOf(r.messages().get(0))).startsWith("new-0-");
        r.release();
        assertThat(store.putMessage(message("Old", 0, "old-40")).appendResult().logicsOffset()).isEqualTo(40);
    }

    /** After a crash, whatever the queues lack behind their furthest end is dispatched again. */
    @Test
    void aCrashedApacheStoreDispatchesWhatItsQueuesLack() throws Exception {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        store = Stores.open(config);
        for (int i = 0; i < 30; i++) {
            store.putMessage(message("T", i % 2, "m-" + i, "KEYS", "k" + i));
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        store.crashForTest();
        store = null;
        makeCheckpointForeign();
        // queue 1 lost its last unit (its dispatch was the one still under way when the process died)
        Path q1 = dir.resolve("consumequeue/T/1");
        File[] files = q1.toFile().listFiles();
        java.util.Arrays.sort(files);
        File last = files[files.length - 1];
        try (RandomAccessFile f = new RandomAccessFile(last, "rw")) {
            long end = 0;
            while (end + ConsumeQueue.UNIT_SIZE <= f.length()) {
                f.seek(end);
                if (f.readLong() == 0) {
                    break;
                }
                end += ConsumeQueue.UNIT_SIZE;
            }
            f.seek(end - ConsumeQueue.UNIT_SIZE);
            f.write(new byte[ConsumeQueue.UNIT_SIZE]);
        }

        store = Stores.open(config);
        assertThat(store.getMaxOffsetInQueue("T", 0)).isEqualTo(15);
        assertThat(store.getMaxOffsetInQueue("T", 1)).isEqualTo(15);
        assertThat(DispatchTest.bodies(store.queryMessage("T", "k29", 5, 0, Long.MAX_VALUE)))
                .containsExactly("m-29");
    }

    /**
     * Apache keeps the CommitLog in ${user.home}/store/commitlog when storePathCommitLog is not set, whatever the
     * root: opening the root's empty commitlog folder beside queues pointing into the other one is refused.
     */
    @Test
    void aCommitLogLeftAtApachesDefaultPlaceIsRefusedByName() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("store/commitlog"));
        Files.write(home.resolve("store/commitlog/00000000000000000000"), new byte[8192]);
        MessageStoreConfig config = Stores.tinyConfig(dir.resolve("root"));
        config.setStorePathCommitLog("");
        StoreLayout layout = new StoreLayout(config, home.resolve("store").toString());
        assertThatThrownBy(layout::checkCommitLogLocation)
                .hasMessageContaining("storePathCommitLog is not set")
                .hasMessageContaining(home.resolve("store/commitlog").toString())
                .hasMessageContaining("Set storePathCommitLog=");
        config.setStorePathCommitLog(home.resolve("store/commitlog").toString());
        layout.checkCommitLogLocation();
    }

    /**
     * The same, when the root holds the rest of that store (its checkpoint, its consume queues): that is where Apache
     * ran it with this very file, so the CommitLog is opened at Apache's place instead.
     */
    @Test
    void aCommitLogAtApachesDefaultPlaceIsFollowedWhenTheRootHoldsTheRestOfTheStore() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("store/commitlog"));
        Files.write(home.resolve("store/commitlog/00000000000000000000"), new byte[8192]);
        Path root = dir.resolve("root");
        MessageStoreConfig config = Stores.tinyConfig(root);
        config.setStorePathCommitLog("");
        StoreLayout layout = new StoreLayout(config, home.resolve("store").toString());
        assertThat(layout.adoptApacheCommitLogLocation()).as("empty root").isFalse();
        assertThat(config.getStorePathCommitLog()).isEmpty();

        Files.createDirectories(root.resolve("consumequeue/T/0"));
        Files.write(root.resolve("consumequeue/T/0/00000000000000000000"), new byte[20]);
        Files.createDirectories(root.resolve("commitlog")); // an empty folder of ours does not count
        assertThat(layout.adoptApacheCommitLogLocation()).isTrue();
        assertThat(config.commitLogDir()).isEqualTo(home.resolve("store/commitlog").toString());
        layout.checkCommitLogLocation();

        config.setStorePathCommitLog("");
        Files.write(root.resolve("commitlog/00000000000000000000"), new byte[8192]);
        assertThat(layout.adoptApacheCommitLogLocation()).as("our own CommitLog has files").isFalse();
        assertThat(config.getStorePathCommitLog()).isEmpty();
    }

    /** An abort marker where Apache leaves it counts as a crash even when abortFile points elsewhere. */
    @Test
    void apachesAbortMarkerCountsWhenAbortFileMovedIt() throws Exception {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.setAbortFile(dir.resolve("elsewhere/abort").toString());
        Files.createFile(dir.resolve("abort"));
        assertThat(new StoreLayout(config).foreignAbortMarker()).isEqualTo(dir.resolve("abort").toFile());
        store = Stores.open(config);
        assertThat(dir.resolve("abort")).doesNotExist();
        assertThat(dir.resolve("elsewhere/abort")).exists();
        store.shutdown();
        store = null;
        assertThat(dir.resolve("elsewhere/abort")).doesNotExist();
    }
}
