package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.SmallDisk;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A broker whose store lives on a small file system of the test's own (a tmpfs) that a filler file has mostly
 * taken, with {@code cleanFileForciblyEnable=false} (unread messages are kept rather than deleted to make room): the
 * official 4.9.3 producer sends until the disk passes {@code diskSpaceWarningLevelRatio} (90%). The
 * refusal it gets names the disk and the threshold; a consumer goes on receiving every acknowledged message while
 * the disk is full; once the filler is deleted, writes resume by themselves, without a restart; after a restart
 * everything acknowledged is still there, byte for byte.
 */
class DiskFullKeepsReadsIT {
    private static final String TOPIC = "DISK_FULL_TOPIC";

    @TempDir
    Path dir;

    /** A broker (forced cleaning off, see the class comment) with an admin, a producer and the test topic. */
    private static final class DiskBroker implements AutoCloseable {
        final TideNamesrv ns;
        final TideBrokerProcess broker;
        final DefaultMQAdminExt admin;
        final DefaultMQProducer producer;
        private final List<DefaultMQPushConsumer> consumers = new ArrayList<>();

        DiskBroker(TideNamesrv ns, Path brokerDir, Path home, Map<String, String> extra) throws Exception {
            this.ns = ns;
            Map<String, String> settings = new HashMap<>(Map.of("brokerName", "broker-disk",
                    "cleanFileForciblyEnable", "false"));
            settings.putAll(extra);
            broker = new TideBrokerProcess("127.0.0.1", ns.address(), brokerDir, settings).userHome(home).start();
            admin = Clients.admin(ns.address());
            admin.start();
            producer = Clients.producer("PG_DISK", ns.address());
            // bodies as they are: the client would otherwise compress the padded ones to almost nothing
            producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
            producer.start();
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> producer.send(message("warm-up", 10)).getSendStatus() == SendStatus.SEND_OK);
        }

        /** Sends {@code key-} padded to {@code size} bytes; true when acknowledged, recording it in {@code acked}. */
        boolean send(String key, int size, Map<String, String> acked) throws Exception {
            if (producer.send(message(key + "-", size)).getSendStatus() != SendStatus.SEND_OK) {
                return false;
            }
            acked.put(key, key + "-");
            return true;
        }

        /**
         * Sends {@code size}-byte messages keyed {@code prefix + i}, pausing {@code pauseMillis} after each, until
         * one is refused; returns the broker's refusal (the client gives up after retrying the only broker).
         */
        MQBrokerException sendUntilRefused(String prefix, int size, int max, long pauseMillis,
                                           Map<String, String> acked) throws Exception {
            for (int i = 0; i < max; i++) {
                try {
                    send(prefix + i, size, acked);
                } catch (MQClientException e) {
                    return (MQBrokerException) e.getCause();
                }
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            return null;
        }

        /**
         * Twenty acknowledged messages, then another program's file fills the disk to the last byte, then sends of
         * 64 KiB until one is refused; returns the refusal.
         */
        MQBrokerException fillDiskToTheLastByte(SmallDisk disk, Map<String, String> acked) throws Exception {
            for (int i = 0; i < 20; i++) {
                assertThat(send("before" + i, 16 * 1024, acked)).isTrue();
            }
            disk.fillUp("filler");
            MQBrokerException refusal = sendUntilRefused("full", 64 * 1024, 400, 0, acked);
            assertThat(refusal).as("sends refused on a full disk").isNotNull();
            return refusal;
        }

        boolean sendRefused() throws Exception {
            try {
                return producer.send(message("probe", 100)).getSendStatus() != SendStatus.SEND_OK;
            } catch (MQClientException | MQBrokerException e) {
                return true;
            }
        }

        /** Waits until writes are accepted again, then sends one more message that must be consumed too. */
        void awaitWritesResume(Map<String, String> acked) throws Exception {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> !sendRefused());
            assertThat(send("after", 1024, acked)).isTrue();
        }

        /** A push consumer of the topic from its first offset, recording key to body. */
        Map<String, String> consume(String group) throws Exception {
            Map<String, String> into = new ConcurrentHashMap<>();
            DefaultMQPushConsumer c = Clients.recordingConsumer(ns.address(), group, TOPIC, into);
            consumers.add(c);
            return into;
        }

        /** Every acknowledged message arrives, its body starting as sent. */
        static void assertAllConsumed(Map<String, String> acked, Map<String, String> received) {
            await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(acked.keySet()));
            acked.forEach((k, v) -> assertThat(received.get(k)).as(k).startsWith(v));
        }

        /** Acknowledged messages not received with their body. */
        static long missing(Map<String, String> acked, Map<String, String> received) {
            return acked.entrySet().stream()
                    .filter(e -> received.get(e.getKey()) == null || !received.get(e.getKey()).startsWith(e.getValue()))
                    .count();
        }

        /** Stops and restarts the broker cleanly; a new group then reads everything acknowledged, unchanged. */
        void assertAllThereAfterARestart(Map<String, String> acked, Map<String, String> received) throws Exception {
            consumers.forEach(DefaultMQPushConsumer::shutdown);
            consumers.clear();
            broker.stop();
            broker.start();
            Map<String, String> again = consume("CG_DISK_AFTER");
            await().atMost(Duration.ofSeconds(60)).until(() -> again.keySet().containsAll(acked.keySet()));
            acked.keySet().forEach(k -> assertThat(again.get(k)).isEqualTo(received.get(k)));
        }

        @Override
        public void close() throws Exception {
            consumers.forEach(DefaultMQPushConsumer::shutdown);
            producer.shutdown();
            admin.shutdown();
            broker.close();
        }
    }

    @Test
    void writesAreRefusedNamingTheDiskReadsGoOnAndWritesResumeOnceSpaceIsFreed() throws Exception {
        assumeTrue(SmallDisk.available(), "mounting a tmpfs needs root");
        // 96 MiB, 70 taken: the second 8 MiB CommitLog file still fits, and the disk passes 90% while it fills
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 96);
             TideNamesrv ns = new TideNamesrv(dir.resolve("ns"))) {
            Path filler = disk.fill("filler", 70);
            try (DiskBroker c = new DiskBroker(ns, disk.path().resolve("b"), dir.resolve("home"), Map.of())) {
                Map<String, String> acked = new HashMap<>();
                // slower than the broker's disk check (every second) can fall behind
                MQBrokerException refusal = c.sendUntilRefused("m", 64 * 1024, 2000, 15, acked);
                assertThat(refusal).as("sends refused once the disk is full").isNotNull();
                assertThat(refusal.getResponseCode()).isEqualTo(ResponseCode.SERVICE_NOT_AVAILABLE);
                assertThat(refusal.getErrorMessage()).contains("disk full")
                        .contains("above diskSpaceWarningLevelRatio 90%");
                assertThat(acked).hasSizeGreaterThan(50);
                assertThat(disk.usedRatio()).isGreaterThan(0.9).isLessThan(1.0);

                // reads go on while writes are refused
                Map<String, String> received = c.consume("CG_DISK_LIVE");
                DiskBroker.assertAllConsumed(acked, received);
                assertThat(c.sendRefused()).as("still full: still refused").isTrue();

                // space freed: writes resume by themselves
                Files.delete(filler);
                c.awaitWritesResume(acked);
                DiskBroker.assertAllConsumed(acked, received);
                c.assertAllThereAfterARestart(acked, received);
                FaultReport.record("the CommitLog's disk passes diskSpaceWarningLevelRatio", DiskFullKeepsReadsIT.class,
                        "SEND_OK until the disk was full, then SERVICE_NOT_AVAILABLE: \"" + refusal.getErrorMessage()
                                + "\"; consumers went on; writes resumed once space was freed, no restart",
                        acked.size(), String.valueOf(DiskBroker.missing(acked, received)),
                        "writes: until space is freed; reads: none", "-");
            }
        }
    }

    /**
     * Another program fills the disk to the last byte between two of the broker's disk checks: the next appends
     * touch pages the file system cannot back. They are refused (naming the disk), the broker stays up, what it
     * acknowledged before stays readable, and once the space is freed writes resume and nothing is missing.
     */
    @Test
    void aDiskFilledToTheLastByteBetweenChecksRefusesWritesAndCrashesNothing() throws Exception {
        assumeTrue(SmallDisk.available(), "mounting a tmpfs needs root");
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 48);
             TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             DiskBroker c = new DiskBroker(ns, disk.path().resolve("b"), dir.resolve("home"), Map.of())) {
            Map<String, String> acked = new HashMap<>();
            MQBrokerException refusal = c.fillDiskToTheLastByte(disk, acked);
            Map<String, String> before = new HashMap<>(acked);
            Path filler = disk.path().resolve("filler");
            assertThat(refusal.getResponseCode()).isEqualTo(ResponseCode.SERVICE_NOT_AVAILABLE);
            assertThat(refusal.getErrorMessage()).contains("disk");

            Map<String, String> received = c.consume("CG_DISK_LIVE");
            DiskBroker.assertAllConsumed(before, received);
            Files.delete(filler);
            c.awaitWritesResume(acked);
            DiskBroker.assertAllConsumed(acked, received);
            c.assertAllThereAfterARestart(acked, received);
            FaultReport.record("another program fills the disk to the last byte between two disk checks",
                    DiskFullKeepsReadsIT.class, "SERVICE_NOT_AVAILABLE: \"" + refusal.getErrorMessage()
                            + "\"; the broker stayed up", acked.size(), String.valueOf(DiskBroker.missing(acked, received)),
                    "writes: until space is freed; reads: none", "-");
        }
    }

    /**
     * The broker is killed (SIGKILL) while its disk is full and started again on the same full disk: it boots,
     * recovers everything it acknowledged, serves reads, refuses writes naming the disk, and takes writes again once
     * space is freed. On ext4 (a loop device): a full tmpfs also fails reads of pages never written, which recovery
     * makes when it looks for the end of the data.
     */
    @Test
    void aBrokerKilledWhileItsDiskIsFullBootsOnItAndLosesNothing() throws Exception {
        assumeTrue(SmallDisk.available(), "mounting a file system needs root");
        try (SmallDisk disk = SmallDisk.mountExt4(dir.resolve("disk"), 64);
             TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             DiskBroker c = new DiskBroker(ns, disk.path().resolve("b"), dir.resolve("home"), Map.of())) {
            Map<String, String> acked = new HashMap<>();
            c.fillDiskToTheLastByte(disk, acked);
            Path filler = disk.path().resolve("filler");

            c.broker.kill();
            c.broker.start();
            Map<String, String> received = c.consume("CG_DISK_CRASHED");
            DiskBroker.assertAllConsumed(acked, received);
            assertThat(c.sendRefused()).as("the disk is still full").isTrue();

            Files.delete(filler);
            c.awaitWritesResume(acked);
            DiskBroker.assertAllConsumed(acked, received);
            FaultReport.record("kill -9 of the broker while its disk is full; started again on the full disk",
                    DiskFullKeepsReadsIT.class, "before the kill: SERVICE_NOT_AVAILABLE; after: the broker booted, "
                            + "every acknowledged message was consumed, writes were refused until space was freed",
                    acked.size(), String.valueOf(DiskBroker.missing(acked, received)),
                    "reads: the restart; writes: until space is freed", "-");
        }
    }

    /**
     * The consume queues and the index on a disk of their own ({@code storePathConsumeQueue}, {@code storePathIndex})
     * that fills up while the CommitLog's has room: writes are refused naming the consume-queue disk, what was
     * acknowledged before the refusal (stored, perhaps not yet queued) becomes consumable once space is freed, and
     * writes resume.
     */
    @Test
    void consumeQueuesFillingTheirOwnDiskRefuseWritesAndLoseNothing() throws Exception {
        assumeTrue(SmallDisk.available(), "mounting a tmpfs needs root");
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("logic"), 8);
             TideNamesrv ns = new TideNamesrv(dir.resolve("ns"))) {
            // 7 of 8 MiB taken: some thousand messages' queue units and index entries pass 90%
            Path filler = disk.fill("filler", 7);
            Map<String, String> logicDirs = Map.of(
                    "storePathConsumeQueue", disk.path().resolve("consumequeue").toString(),
                    "storePathIndex", disk.path().resolve("index").toString());
            try (DiskBroker c = new DiskBroker(ns, dir.resolve("b"), dir.resolve("b/home"), logicDirs)) {
                Map<String, String> acked = new HashMap<>();
                MQBrokerException refusal = c.sendUntilRefused("q", 100, 20_000, 0, acked);
                assertThat(refusal).as("sends refused once the consume queues' disk is full").isNotNull();
                assertThat(refusal.getErrorMessage()).contains("disk full").contains("consume");

                Map<String, String> received = c.consume("CG_DISK_LIVE");
                Files.delete(filler);
                c.awaitWritesResume(acked);
                DiskBroker.assertAllConsumed(acked, received);
                FaultReport.record("the consume queues' and index's own disk fills up first",
                        DiskFullKeepsReadsIT.class, "SERVICE_NOT_AVAILABLE: \"" + refusal.getErrorMessage()
                                + "\"; what was stored but not yet queued was queued once space was freed",
                        acked.size(), String.valueOf(DiskBroker.missing(acked, received)),
                        "writes: until space is freed; reads: none", "-");
            }
        }
    }

    /** A message keyed by {@code body} less its trailing dash, its body {@code body} padded to {@code size} bytes. */
    private static Message message(String body, int size) {
        String padded = body + "x".repeat(Math.max(0, size - body.length()));
        Message m = new Message(TOPIC, "T", padded.getBytes(StandardCharsets.UTF_8));
        m.setKeys(body.endsWith("-") ? body.substring(0, body.length() - 1) : body);
        return m;
    }
}
