package io.tidemq.store;

import io.tidemq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM appending under SYNC_FLUSH is killed with SIGKILL mid-stream; the store it leaves behind recovers with
 * every acknowledged record present, intact and readable through its queue.
 */
class ProcessKilledDuringSyncFlushTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesKillDashNine() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SyncFlushAppenderMain.class.getName(), dir.toString(), "4");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = pb.start();
        List<String> acks = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    acks.add(line);
                }
            } catch (Exception ignored) {
                // the child died: that is the point
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= 400 || !child.isAlive());
            assertThat(child.isAlive()).as("child still appending").isTrue();
            ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        reader.join(10_000);
        assertThat(new File(dir.toFile(), "abort")).as("no clean shutdown").exists();

        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.setMappedFileSizeCommitLog(64 * 1024);
        config.flush().setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        DefaultMessageStore store = new DefaultMessageStore(config);
        assertThat(store.load()).isTrue();
        store.start();
        try {
            assertThat(store.awaitDispatched(10_000)).isTrue();
            int checked = 0;
            for (String line : acks) {
                String[] p = line.split(" ");
                if (p.length != 4 || !p[0].equals("ACK")) {
                    continue;
                }
                long offset = Long.parseLong(p[1]);
                int thread = Integer.parseInt(p[2]);
                int seq = Integer.parseInt(p[3]);
                MessageExt m = store.lookMessageByOffset(offset);
                assertThat(m).as("acknowledged record at %d", offset).isNotNull();
                assertThat(new String(m.getBody(), StandardCharsets.UTF_8))
                        .isEqualTo(SyncFlushAppenderMain.body(thread, seq));
                assertThat(m.getQueueId()).isEqualTo(thread);
                assertThat(store.getCommitLogOffsetInQueue("K", thread, m.getQueueOffset())).isEqualTo(offset);
                checked++;
            }
            assertThat(checked).isGreaterThanOrEqualTo(400);
            long units = 0;
            for (int t = 0; t < 4; t++) {
                units += store.getMaxOffsetInQueue("K", t);
            }
            assertThat(units).as("queues hold at least every acknowledged record").isGreaterThanOrEqualTo(checked);
            assertThat(store.putMessage(Stores.message("K", 0, "after the kill")).status())
                    .isEqualTo(PutMessageStatus.PUT_OK);
        } finally {
            store.shutdown();
        }
    }
}
