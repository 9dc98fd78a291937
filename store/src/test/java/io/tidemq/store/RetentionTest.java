package io.tidemq.store;

import io.tidemq.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** Retention with a hand-moved clock: expiry, deleteWhen hours, disk pressure; queues and index follow. */
class RetentionTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T01:00:00Z").toEpochMilli());
    /** The monotonic clock retention also reads: moved by {@link #passes}, not by a wall-clock step. */
    final AtomicLong monotonic = new AtomicLong(5_000);
    volatile double diskUsed = 0.1;
    MessageStoreConfig config;
    DefaultMessageStore store;
    final List<AppendMessageResult> written = new ArrayList<>();

    @AfterEach
    void close() {
        store.shutdown();
    }

    private void open() {
        config = Stores.tinyConfig(dir);
        config.retention().setFileReservedTime(72);
        config.retention().setDeleteWhen("04;16");
        config.index().setMaxIndexNum(20);
        store = new DefaultMessageStore(config, clock, d -> diskUsed, monotonic::get);
        assertThat(store.load()).isTrue();
        store.start();
    }

    /** Time passes: both clocks move. */
    private void passes(Duration d) {
        clock.advance(d);
        monotonic.addAndGet(d.toMillis());
    }

    private void fill(int n) {
        for (int i = 0; i < n; i++) {
            written.add(store.putMessage(message("T", 0, "m" + written.size() + "x".repeat(400),
                    "KEYS", "k" + written.size())).appendResult());
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
    }

    @Test
    void expiredFilesGoOnlyAtADeleteHourAndQueuesAndIndexFollow() {
        open();
        fill(100);
        int files = store.commitLog().files().snapshot().length;
        assertThat(files).isGreaterThan(4);
        int cqFiles = store.queues().find("T", 0).files().snapshot().length;
        int indexFiles = store.index().fileCount();

        passes(Duration.ofHours(73));
        assertThat(store.runRetentionOnce()).as("02:00 is not a delete hour").isZero();
        passes(Duration.ofHours(2));
        fill(1);
        assertThat(store.runRetentionOnce()).as("04:00, all but the newest expired").isEqualTo(files - 1);

        long minPhy = store.getMinPhyOffset();
        MappedFile newest = store.commitLog().files().last();
        assertThat(minPhy).isEqualTo(newest.fileFromOffset());
        int firstKept = 0;
        while (written.get(firstKept).wroteOffset() < minPhy) {
            firstKept++;
        }
        assertThat(store.getMinOffsetInQueue("T", 0)).isEqualTo(firstKept);
        assertThat(store.queues().find("T", 0).files().snapshot().length).isLessThan(cqFiles);
        assertThat(store.index().fileCount()).isLessThan(indexFiles);
        assertThat(store.getEarliestMessageTime("T", 0)).isEqualTo(store.getMessageStoreTimeStamp("T", 0, firstKept));

        GetMessageResult tooSmall = store.getMessage("g", "T", 0, 0, 32, MessageFilter.ALL);
        assertThat(tooSmall.status()).isEqualTo(GetMessageStatus.OFFSET_TOO_SMALL);
        assertThat(tooSmall.nextBeginOffset()).isEqualTo(firstKept);
        GetMessageResult kept = store.getMessage("g", "T", 0, firstKept, 1, MessageFilter.ALL);
        assertThat(Stores.bodyOf(kept.messages().get(0))).startsWith("m" + firstKept + "x");
        kept.release();
        assertThat(DispatchTest.bodies(store.queryMessage("T", "k0", 5, 0, Long.MAX_VALUE))).isEmpty();
        assertThat(DispatchTest.bodies(store.queryMessage("T", "k100", 5, 0, Long.MAX_VALUE))).hasSize(1);
        assertThat(store.lookMessageByOffset(0)).isNull();

        passes(Duration.ofDays(100));
        assertThat(store.runRetentionOnce()).as("the newest file always stays").isZero();
        assertThat(store.getMaxPhyOffset()).isEqualTo(written.get(100).endOffset());
    }

    @Test
    void unexpiredFilesStay() {
        open();
        fill(60);
        passes(Duration.ofHours(3));
        assertThat(store.runRetentionOnce()).isZero();
        assertThat(store.getMinPhyOffset()).isZero();
    }

    @Test
    void diskPressureDeletesExpiredFilesAtAnyHourAndForciblyEvenUnexpiredOnes() {
        open();
        fill(60);
        passes(Duration.ofHours(80));
        fill(60);
        long split = written.get(60).wroteOffset();
        passes(Duration.ofHours(1));
        assertThat(java.time.Instant.ofEpochMilli(clock.millis()).atZone(java.time.ZoneOffset.UTC).getHour())
                .isNotIn(4, 16);

        diskUsed = 0.80;
        assertThat(store.runRetentionOnce()).isPositive();
        assertThat(store.getMinPhyOffset()).as("expired files went, recent ones stayed")
                .isLessThanOrEqualTo(split).isGreaterThan(split - config.getMappedFileSizeCommitLog());

        diskUsed = 0.88;
        int before = store.commitLog().files().snapshot().length;
        int deleted = store.runRetentionOnce();
        assertThat(deleted).isEqualTo(Math.min(RetentionService.DELETE_FILES_BATCH_MAX, before - 1));
        assertThat(store.getMinPhyOffset()).isGreaterThan(split);
        assertThat(store.getMinOffsetInQueue("T", 0)).isPositive();
    }

    @Test
    void queuesWhoseMessagesAreAllGoneAreCleanedOnRequest() {
        open();
        for (int q = 0; q < 2; q++) {
            store.putMessage(message("OLD", q, "old" + q + "x".repeat(400)));
        }
        store.putMessage(message(DispatchRequest.SCHEDULE_TOPIC, 2, "delayed" + "x".repeat(400)));
        fill(100);
        assertThat(store.cleanExpiredConsumeQueues()).as("nothing expired yet").isZero();

        passes(Duration.ofHours(75));
        fill(1);
        assertThat(store.runRetentionOnce()).isPositive();
        assertThat(store.queues().find("OLD", 0)).isNotNull();

        assertThat(store.cleanExpiredConsumeQueues()).as("both OLD queues").isEqualTo(2);
        assertThat(store.queues().find("OLD", 0)).isNull();
        assertThat(store.queues().find("OLD", 1)).isNull();
        assertThat(store.queues().find(DispatchRequest.SCHEDULE_TOPIC, 2)).as("delay queues stay").isNotNull();
        assertThat(store.queues().find("T", 0)).as("T still has messages").isNotNull();
        // the queue starts again from offset 0, as in 4.9
        assertThat(store.putMessage(message("OLD", 0, "again")).appendResult().logicsOffset()).isZero();
    }

    @Test
    void aWallClockSteppedForwardDoesNotAgeFilesAlreadySeen() {
        open();
        fill(100);
        int files = store.commitLog().files().snapshot().length;
        assertThat(store.runRetentionOnce()).as("01:00: looked at, nothing due").isZero();

        clock.advance(Duration.ofDays(100).plusHours(3)); // a step: the monotonic clock does not move
        assertThat(store.runRetentionOnce()).as("04:00 by the stepped clock, but the files are minutes old")
                .isZero();
        assertThat(store.getMinPhyOffset()).isZero();

        monotonic.addAndGet(Duration.ofHours(72).toMillis());
        assertThat(store.runRetentionOnce()).as("72 hours later they have expired").isEqualTo(files - 1);
    }

    @Test
    void aWallClockSteppedBackDoesNotKeepExpiredFiles() {
        open();
        fill(100);
        int files = store.commitLog().files().snapshot().length;
        assertThat(store.runRetentionOnce()).isZero();

        clock.set(Instant.parse("2023-12-22T01:00:00Z").toEpochMilli()); // ten days back
        passes(Duration.ofHours(75));
        assertThat(Instant.ofEpochMilli(clock.millis()).atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(4);
        assertThat(store.runRetentionOnce()).as("75 hours have passed, whatever the wall clock says")
                .isEqualTo(files - 1);
    }
}
