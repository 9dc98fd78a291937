package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.SmallDisk;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

    @Test
    void writesAreRefusedNamingTheDiskReadsGoOnAndWritesResumeOnceSpaceIsFreed() throws Exception {
        assumeTrue(SmallDisk.available(), "mounting a tmpfs needs root");
        // 96 MiB, 70 taken: the second 8 MiB CommitLog file still fits, and the disk passes 90% while it fills
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 96);
             TideNamesrv ns = new TideNamesrv(dir.resolve("ns"))) {
            Path filler = disk.fill("filler", 70);
            // with forced cleaning (Apache's default) the oldest CommitLog files would be deleted to make room, read
            // or not; an operator who keeps unread messages turns it off, and then a full disk refuses writes
            Map<String, String> settings = new HashMap<>(Map.of("brokerName", "broker-disk",
                    "cleanFileForciblyEnable", "false"));
            TideBrokerProcess broker = new TideBrokerProcess("127.0.0.1", ns.address(), disk.path().resolve("b"),
                    settings).userHome(dir.resolve("home"));
            try (TideBrokerProcess b = broker.start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                DefaultMQProducer producer = Clients.producer("PG_DISK", ns.address());
                producer.setPollNameServerInterval(1000);
                // 64 KiB bodies as they are: the client would otherwise compress them to almost nothing
                producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
                producer.start();
                Map<String, String> received = new ConcurrentHashMap<>();
                DefaultMQPushConsumer consumer = null;
                try {
                    admin.createAndUpdateTopicConfig(b.address(), new TopicConfig(TOPIC, 4, 4, 6));
                    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                            .until(() -> producer.send(message("warm-up", 10)).getSendStatus() == SendStatus.SEND_OK);
                    Map<String, String> acked = new HashMap<>();
                    MQBrokerException refusal = null;
                    for (int i = 0; i < 2000 && refusal == null; i++) {
                        String body = "m" + i + "-";
                        try {
                            SendResult r = producer.send(message(body, 64 * 1024));
                            if (r.getSendStatus() == SendStatus.SEND_OK) {
                                acked.put("m" + i, body);
                            }
                        } catch (MQClientException e) {
                            // the client retried on the only broker there is, then gave up with the broker's answer
                            refusal = (MQBrokerException) e.getCause();
                        }
                        // slower than the broker's disk check (every second) can fall behind
                        Thread.sleep(15);
                    }
                    assertThat(refusal).as("sends refused once the disk is full").isNotNull();
                    assertThat(refusal.getResponseCode()).isEqualTo(ResponseCode.SERVICE_NOT_AVAILABLE);
                    assertThat(refusal.getErrorMessage()).contains("disk full")
                            .contains("above diskSpaceWarningLevelRatio 90%");
                    System.out.printf("disk full: %d messages acknowledged, disk %.1f%% used, refusal: %s%n",
                            acked.size(), disk.usedRatio() * 100, refusal.getErrorMessage());
                    assertThat(acked).hasSizeGreaterThan(50);
                    assertThat(disk.usedRatio()).isGreaterThan(0.9).isLessThan(1.0);

                    // reads go on while writes are refused
                    consumer = consumer(ns.address(), "CG_DISK_LIVE", received);
                    await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(acked.keySet()));
                    acked.forEach((k, v) -> assertThat(received.get(k)).startsWith(v));
                    assertThat(sendRefused(producer)).as("still full: still refused").isTrue();

                    // space freed: writes resume by themselves
                    Files.delete(filler);
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                            .until(() -> !sendRefused(producer));
                    SendResult after = producer.send(message("after", 64 * 1024));
                    assertThat(after.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    acked.put("after", "after");
                    await().atMost(Duration.ofSeconds(30)).until(() -> received.containsKey("after"));

                    // nothing corrupt: after a restart every acknowledged message is still there
                    consumer.shutdown();
                    consumer = null;
                    b.stop();
                    b.start();
                    Map<String, String> again = new ConcurrentHashMap<>();
                    consumer = consumer(ns.address(), "CG_DISK_AFTER", again);
                    await().atMost(Duration.ofSeconds(60)).until(() -> again.keySet().containsAll(acked.keySet()));
                    for (Map.Entry<String, String> e : acked.entrySet()) {
                        assertThat(again.get(e.getKey())).isEqualTo(received.get(e.getKey()));
                    }
                } finally {
                    if (consumer != null) {
                        consumer.shutdown();
                    }
                    producer.shutdown();
                    admin.shutdown();
                }
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
             TideNamesrv ns = new TideNamesrv(dir.resolve("ns"))) {
            Map<String, String> settings = new HashMap<>(Map.of("brokerName", "broker-disk",
                    "cleanFileForciblyEnable", "false"));
            TideBrokerProcess broker = new TideBrokerProcess("127.0.0.1", ns.address(), disk.path().resolve("b"),
                    settings).userHome(dir.resolve("home"));
            try (TideBrokerProcess b = broker.start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                DefaultMQProducer producer = Clients.producer("PG_DISK", ns.address());
                producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
                producer.start();
                Map<String, String> received = new ConcurrentHashMap<>();
                DefaultMQPushConsumer consumer = null;
                try {
                    admin.createAndUpdateTopicConfig(b.address(), new TopicConfig(TOPIC, 4, 4, 6));
                    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                            .until(() -> producer.send(message("warm-up", 10)).getSendStatus() == SendStatus.SEND_OK);
                    Map<String, String> acked = new HashMap<>();
                    for (int i = 0; i < 20; i++) {
                        assertThat(producer.send(message("before" + i + "-", 16 * 1024)).getSendStatus())
                                .isEqualTo(SendStatus.SEND_OK);
                        acked.put("before" + i, "before" + i + "-");
                    }
                    Path filler = disk.fillUp("filler");
                    MQBrokerException refusal = null;
                    for (int i = 0; i < 400 && refusal == null; i++) {
                        try {
                            if (producer.send(message("full" + i + "-", 64 * 1024)).getSendStatus()
                                    == SendStatus.SEND_OK) {
                                acked.put("full" + i, "full" + i + "-");
                            }
                        } catch (MQClientException e) {
                            refusal = (MQBrokerException) e.getCause();
                        }
                    }
                    assertThat(refusal).as("sends refused on a full disk").isNotNull();
                    System.out.printf("disk filled up: %d acknowledged, refusal: %s%n", acked.size(),
                            refusal.getErrorMessage());
                    assertThat(refusal.getResponseCode()).isEqualTo(ResponseCode.SERVICE_NOT_AVAILABLE);
                    assertThat(refusal.getErrorMessage()).contains("disk");

                    consumer = consumer(ns.address(), "CG_DISK_LIVE", received);
                    await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(
                            acked.keySet().stream().filter(k -> k.startsWith("before")).toList()));

                    Files.delete(filler);
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                            .until(() -> !sendRefused(producer));
                    assertThat(producer.send(message("after", 1024)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    acked.put("after", "after");
                    await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(acked.keySet()));
                    acked.forEach((k, v) -> assertThat(received.get(k)).startsWith(v));

                    consumer.shutdown();
                    consumer = null;
                    b.stop();
                    b.start();
                    Map<String, String> again = new ConcurrentHashMap<>();
                    consumer = consumer(ns.address(), "CG_DISK_AFTER", again);
                    await().atMost(Duration.ofSeconds(60)).until(() -> again.keySet().containsAll(acked.keySet()));
                    acked.keySet().forEach(k -> assertThat(again.get(k)).isEqualTo(received.get(k)));
                } finally {
                    if (consumer != null) {
                        consumer.shutdown();
                    }
                    producer.shutdown();
                    admin.shutdown();
                }
            }
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
            Map<String, String> settings = new HashMap<>(Map.of("brokerName", "broker-disk",
                    "cleanFileForciblyEnable", "false",
                    "storePathConsumeQueue", disk.path().resolve("consumequeue").toString(),
                    "storePathIndex", disk.path().resolve("index").toString()));
            TideBrokerProcess broker = new TideBrokerProcess("127.0.0.1", ns.address(), dir.resolve("b"), settings);
            try (TideBrokerProcess b = broker.start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                DefaultMQProducer producer = Clients.producer("PG_DISK", ns.address());
                producer.start();
                Map<String, String> received = new ConcurrentHashMap<>();
                DefaultMQPushConsumer consumer = null;
                try {
                    admin.createAndUpdateTopicConfig(b.address(), new TopicConfig(TOPIC, 4, 4, 6));
                    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                            .until(() -> producer.send(message("warm-up", 10)).getSendStatus() == SendStatus.SEND_OK);
                    Map<String, String> acked = new HashMap<>();
                    MQBrokerException refusal = null;
                    for (int i = 0; i < 20_000 && refusal == null; i++) {
                        try {
                            if (producer.send(message("q" + i + "-", 100)).getSendStatus() == SendStatus.SEND_OK) {
                                acked.put("q" + i, "q" + i + "-");
                            }
                        } catch (MQClientException e) {
                            refusal = (MQBrokerException) e.getCause();
                        }
                    }
                    assertThat(refusal).as("sends refused once the consume queues' disk is full").isNotNull();
                    System.out.printf("consume-queue disk full: %d acknowledged, refusal: %s%n", acked.size(),
                            refusal.getErrorMessage());
                    assertThat(refusal.getErrorMessage()).contains("disk full").contains("consume");

                    consumer = consumer(ns.address(), "CG_DISK_LIVE", received);
                    Files.delete(filler);
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                            .until(() -> !sendRefused(producer));
                    assertThat(producer.send(message("after", 1024)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    acked.put("after", "after");
                    await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(acked.keySet()));
                    acked.forEach((k, v) -> assertThat(received.get(k)).startsWith(v));
                } finally {
                    if (consumer != null) {
                        consumer.shutdown();
                    }
                    producer.shutdown();
                    admin.shutdown();
                }
            }
        }
    }

    /** A message keyed {@code key-prefix of body}, its body the prefix padded to {@code size} bytes. */
    private static Message message(String body, int size) {
        String padded = body + "x".repeat(Math.max(0, size - body.length()));
        Message m = new Message(TOPIC, "T", padded.getBytes(StandardCharsets.UTF_8));
        m.setKeys(body.endsWith("-") ? body.substring(0, body.length() - 1) : body);
        return m;
    }

    private static boolean sendRefused(DefaultMQProducer producer) throws Exception {
        try {
            return producer.send(message("probe", 100)).getSendStatus() != SendStatus.SEND_OK;
        } catch (MQClientException | MQBrokerException e) {
            return true;
        }
    }

    private static DefaultMQPushConsumer consumer(String namesrv, String group, Map<String, String> into)
            throws Exception {
        DefaultMQPushConsumer c = Clients.pushConsumer(group, namesrv);
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        c.subscribe(TOPIC, "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                into.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        c.start();
        return c;
    }
}
