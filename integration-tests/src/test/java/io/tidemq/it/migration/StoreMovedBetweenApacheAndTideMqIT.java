package io.tidemq.it.migration;

import io.tidemq.it.support.ApacheBroker;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In-place migration and its rollback, with the real Apache RocketMQ 4.9.3 broker: one broker writes a store and
 * stops, the other opens the same folders with the same configuration file (same port, so message ids still point
 * at it) and the official client must find everything as it was.
 */
class StoreMovedBetweenApacheAndTideMqIT {
    @TempDir
    Path dir;

    @Test
    void tideMqOpensAStoreApacheWroteAndStoppedCleanly() throws Exception {
        try (TideNamesrv namesrv = new TideNamesrv(dir.resolve("namesrv"))) {
            Path store = dir.resolve("store");
            Map<String, String> settings = MigrationWorkload.brokerSettings(store, namesrv.address());
            MigrationWorkload w = new MigrationWorkload();
            ApacheBroker apache = ApacheBroker.start(dir.resolve("apache"), namesrv.address(), settings);
            try {
                w.write(namesrv.address(), apache.address());
            } finally {
                apache.stop();
            }
            assertThat(store.resolve("abort")).doesNotExist();
            try (TideBroker tide = new TideBroker(namesrv.address(), store, settings)) {
                assertThat(tide.address()).isEqualTo(apache.address());
                MigrationCheck.targetShowsEverything(w, namesrv.address(), tide.address());
            }
        }
    }

    @Test
    void apacheOpensAStoreTideMqWroteAndStoppedCleanly() throws Exception {
        try (TideNamesrv namesrv = new TideNamesrv(dir.resolve("namesrv"))) {
            Path store = dir.resolve("store");
            Map<String, String> settings = MigrationWorkload.brokerSettings(store, namesrv.address());
            MigrationWorkload w = new MigrationWorkload();
            try (TideBroker tide = new TideBroker(namesrv.address(), store, settings)) {
                w.write(namesrv.address(), tide.address());
            }
            assertThat(store.resolve("abort")).doesNotExist();
            try (ApacheBroker apache = ApacheBroker.start(dir.resolve("apache"), namesrv.address(), settings)) {
                MigrationCheck.targetShowsEverything(w, namesrv.address(), apache.address());
            }
        }
    }

    /**
     * A file without storePathCommitLog: Apache 4.9 then keeps the CommitLog in ${user.home}/store/commitlog, away
     * from the root, and TideMQ started with the same file (and user) must find it there.
     */
    @Test
    void tideMqFindsTheCommitLogWhereApacheKeptItWithoutStorePathCommitLog() throws Exception {
        try (TideNamesrv namesrv = new TideNamesrv(dir.resolve("namesrv"))) {
            Path store = dir.resolve("store");
            Map<String, String> settings = MigrationWorkload.brokerSettings(store, namesrv.address());
            settings.put("storePathCommitLog", "");
            Path apacheHome = dir.resolve("apache");
            MigrationWorkload w = new MigrationWorkload();
            ApacheBroker apache = ApacheBroker.start(apacheHome, namesrv.address(), settings);
            try {
                w.write(namesrv.address(), apache.address());
            } finally {
                apache.stop();
            }
            assertThat(apacheHome.resolve("store/commitlog")).isDirectoryContaining(p -> true);
            assertThat(store.resolve("commitlog")).doesNotExist();
            settings.remove("storePathCommitLog");
            try (TideBrokerProcess tide = new TideBrokerProcess("127.0.0.1", namesrv.address(), dir.resolve("tide"),
                    settings).userHome(apacheHome).start()) {
                MigrationCheck.targetShowsEverything(w, namesrv.address(), apache.address());
                assertThat(Files.readString(tide.brokerLog())).contains("TideMQ opens it there too");
            }
            assertThat(store.resolve("commitlog")).doesNotExist();
        }
    }

    /** kill -9 of Apache: its page cache survives, so every acknowledged message must be found after recovery. */
    @Test
    void tideMqRecoversAStoreApacheLeftByKill9() throws Exception {
        try (TideNamesrv namesrv = new TideNamesrv(dir.resolve("namesrv"))) {
            Path store = dir.resolve("store");
            Map<String, String> settings = MigrationWorkload.brokerSettings(store, namesrv.address());
            MigrationWorkload w = new MigrationWorkload();
            ApacheBroker apache = ApacheBroker.start(dir.resolve("apache"), namesrv.address(), settings);
            try {
                w.write(namesrv.address(), apache.address());
                // Apache persists offsets and delay progress on a timer (first after 10 s): crash once both files
                // hold what the test did, so that what TideMQ must find is on disk
                Path config = store.resolve("config");
                await().atMost(Duration.ofSeconds(30)).until(() -> contains(config.resolve("consumerOffset.json"),
                        "MigA@MigGroup") && contains(config.resolve("delayOffset.json"), "1:1"));
            } finally {
                apache.kill();
            }
            assertThat(store.resolve("abort")).exists();
            assertThat(Files.size(store.resolve("checkpoint"))).isEqualTo(4096);
            try (TideBroker tide = new TideBroker(namesrv.address(), store, settings)) {
                MigrationCheck.targetShowsEverything(w, namesrv.address(), tide.address());
            }
            assertThat(store.resolve("abort")).doesNotExist();
        }
    }

    private static boolean contains(Path file, String text) throws Exception {
        return Files.exists(file) && Files.readString(file).replace("\"", "").replace(" ", "").contains(text);
    }
}
