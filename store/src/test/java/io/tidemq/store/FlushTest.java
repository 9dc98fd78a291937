package io.tidemq.store;

import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Flush modes: group commit acknowledges only durable bytes; async flush catches up in the background. */
class FlushTest {
    @TempDir
    Path dir;
    DefaultMessageStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.shutdown();
        }
    }

    @Test
    void syncFlushAcknowledgesConcurrentWritersOnlyOnceTheirBytesAreFlushed() throws Exception {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.flush().setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        config.setMappedFileSizeCommitLog(64 * 1024);
        store = Stores.open(config);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        PutMessageResult r = store.putMessage(message("T", thread, "t" + thread + "-" + i));
                        if (r.status() != PutMessageStatus.PUT_OK) {
                            problems.add("status " + r.status());
                        } else if (store.commitLog().flushedOffset() < r.appendResult().endOffset()) {
                            problems.add("acknowledged before flush: " + r.appendResult());
                        }
                    }
                    return problems;
                }));
            }
            for (Future<List<String>> f : results) {
                assertThat(f.get()).isEmpty();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        for (int t = 0; t < 8; t++) {
            assertThat(store.getMaxOffsetInQueue("T", t)).isEqualTo(40);
        }
        assertThat(store.runtimeInfo().get("remainHowManyDataToFlush")).isEqualTo("0 B");
    }

    @Test
    void syncFlushWriterThatDoesNotWaitIsAnsweredAtOnceAndFlushedSoon() {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.flush().setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        store = Stores.open(config);
        MessageExtBrokerInner m = message("T", 0, "no wait", "WAIT", "false");
        CompletableFuture<PutMessageResult> f = store.asyncPutMessage(m);
        assertThat(f).isDone();
        assertThat(f.join().status()).isEqualTo(PutMessageStatus.PUT_OK);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.commitLog().flushedOffset() >= f.join().appendResult().endOffset());
    }

    @Test
    void syncFlushThatCannotCompleteInTimeAnswersFlushDiskTimeout() {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        StoreHealth health = new StoreHealth();
        CommitLog log = new CommitLog(config, new MutableClock(1), health);
        GroupCommitService notRunning = new GroupCommitService(log, health, 50, new LatencyTap());
        PutMessageResult appended = log.append(message("T", 0, "x"));
        PutMessageResult answer = notRunning.afterAppend(appended, true).join();
        assertThat(answer.status()).isEqualTo(PutMessageStatus.FLUSH_DISK_TIMEOUT);
        assertThat(answer.appendResult()).isEqualTo(appended.appendResult());
        assertThat(answer.isOk()).as("the message is stored, only not confirmed durable").isTrue();

        notRunning.start();
        PutMessageResult second = notRunning.afterAppend(log.append(message("T", 0, "y")), true).join();
        assertThat(second.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(log.flushedOffset()).isEqualTo(log.maxOffset());
        notRunning.shutdown();
        log.close();
    }

    @Test
    void asyncFlushAnswersAtOnceAndFlushesInTheBackground() {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.flush().setFlushCommitLogLeastPages(0);
        store = Stores.open(config);
        PutMessageResult r = store.putMessage(message("T", 0, "async"));
        assertThat(r.status()).isEqualTo(PutMessageStatus.PUT_OK);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.commitLog().flushedOffset() >= r.appendResult().endOffset());
    }

    @Test
    void pageCacheIsBusyWhileAnAppendHoldsTheLockTooLong() {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        store = Stores.open(Stores.tinyConfig(dir), clock);
        assertThat(store.isOSPageCacheBusy()).isFalse();
        store.commitLog().putLock().lock();
        try {
            clock.advance(Duration.ofMillis(500));
            assertThat(store.isOSPageCacheBusy()).isFalse();
            clock.advance(Duration.ofMillis(600));
            assertThat(store.isOSPageCacheBusy()).isTrue();
            assertThat(store.asyncPutMessage(message("T", 0, "x")).join().status())
                    .isEqualTo(PutMessageStatus.OS_PAGECACHE_BUSY);
        } finally {
            store.commitLog().putLock().unlock();
        }
        assertThat(store.isOSPageCacheBusy()).isFalse();
        assertThat(store.putMessage(message("T", 0, "x")).status()).isEqualTo(PutMessageStatus.PUT_OK);
    }

    @Test
    void runtimeInfoCarriesTheStoreFigures() {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        store = Stores.open(Stores.tinyConfig(dir), clock);
        store.putMessage(message("T", 0, "x"));
        store.putMessage(message("T", 0, "yy"));
        store.awaitDispatched(5000);
        Map<String, String> info = store.runtimeInfo();
        assertThat(info).containsKeys("commitLogMinOffset", "commitLogMaxOffset", "commitLogDiskRatio",
                "consumeQueueDiskRatio", "commitLogDirCapacity", "remainHowManyDataToFlush",
                "earliestMessageTimeStamp", "putMessageTimesTotal", "putMessageSizeTotal", "putMessageFailedTimes",
                "dispatchBehindBytes");
        assertThat(info.get("commitLogMinOffset")).isEqualTo("0");
        assertThat(info.get("commitLogMaxOffset")).isEqualTo(Long.toString(store.getMaxPhyOffset()));
        assertThat(info.get("commitLogDiskRatio")).isEqualTo("0.1");
        assertThat(info.get("commitLogDirCapacity"))
                .matches("Total : [0-9.]+ [KMGTPE]iB, Free : [0-9.]+ [KMGTPE]iB\\.");
        assertThat(info.get("earliestMessageTimeStamp")).isEqualTo(Long.toString(clock.millis()));
        assertThat(info.get("putMessageTimesTotal")).isEqualTo("2");
        assertThat(info.get("putMessageSizeTotal")).isEqualTo(Long.toString(store.getMaxPhyOffset()));
        assertThat(info.get("putMessageFailedTimes")).isEqualTo("0");
        assertThat(info.get("dispatchBehindBytes")).isEqualTo("0");
        assertThat(StoreRuntimeInfo.humanReadable(1536)).isEqualTo("1.5 KiB");
        assertThat(store.now()).isEqualTo(clock.millis());
    }
}
