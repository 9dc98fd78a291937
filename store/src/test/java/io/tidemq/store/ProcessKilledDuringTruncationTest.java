package io.tidemq.store;

import io.tidemq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM cutting its store back (what a rejoining old master or a diverged slave does) is killed with SIGKILL at
 * moments spread over the cut: before it, while files are being deleted and zeroed, while queues and index follow,
 * after it. Whatever the moment, the store opens again, ends either where it ended before the cut or exactly at the
 * cut, holds every record before the cut intact and in order in its queues and index, and takes appends right after.
 */
class ProcessKilledDuringTruncationTest {
    private static final int TOTAL = 3000;
    private static final int KEEP = 1000;
    private static final int ROUNDS = 16;

    @TempDir
    Path dir;

    @Test
    void aCutKilledAtAnyMomentLeavesAStoreThatRecovers() throws Exception {
        Random random = new Random(20261205L);
        Round calibration = run(dir.resolve("calibration"), Trigger.AFTER_CUT, 0);
        long cutNanos = calibration.cutNanos;
        assertThat(cutNanos).as("the calibration round finished its cut").isPositive();
        int interrupted = 0;
        int before = 0;
        int after = 0;
        for (int r = 0; r < ROUNDS; r++) {
            Trigger trigger = r % 2 == 0 ? Trigger.MARKER_SEEN : Trigger.CUTTING_PRINTED;
            // the calibration cut ran cold; later ones take about half as long, and the kill should land inside
            long delay = (long) (random.nextDouble() * cutNanos / 2);
            Round round = run(dir.resolve("round-" + r), trigger, delay);
            if (round.markerLeft) {
                interrupted++;
            } else if (round.endAfterRecovery == round.end) {
                before++;
            } else {
                after++;
            }
        }
        System.out.printf("cut of %d records took %.1f ms; of %d kills: %d before the cut, %d during it (marker"
                + " left), %d after it%n", TOTAL - KEEP, cutNanos / 1e6, ROUNDS, before, interrupted, after);
        assertThat(interrupted).as("kills that landed inside the cut").isPositive();
    }

    private enum Trigger { AFTER_CUT, MARKER_SEEN, CUTTING_PRINTED }

    private static final class Round {
        long cut = -1;
        long end = -1;
        long cutNanos = -1;
        boolean markerLeft;
        long endAfterRecovery;
    }

    private Round run(Path store, Trigger trigger, long delayNanos) throws Exception {
        Files.createDirectories(store);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), TruncatingStoreMain.class.getName(), store.toString(),
                Integer.toString(TOTAL), Integer.toString(KEEP));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child was killed: that is the point
            }
        });
        reader.start();
        Path marker = store.resolve("truncating");
        Round round = new Round();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (child.isAlive() && System.nanoTime() < deadline && !triggered(trigger, lines, marker)) {
                Thread.onSpinWait();
            }
            assertThat(child.isAlive()).as("child alive when its trigger %s came (lines %s)", trigger, lines).isTrue();
            LockSupport.parkNanos(delayNanos);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        reader.join(10_000);
        for (String line : lines) {
            String[] p = line.split(" ");
            if (p[0].equals("CUTTING")) {
                round.cut = Long.parseLong(p[1]);
                round.end = Long.parseLong(p[2]);
            } else if (p[0].equals("CUT")) {
                round.cutNanos = Long.parseLong(p[1]);
            }
        }
        assertThat(round.cut).as("the child announced its cut").isPositive();
        round.markerLeft = Files.exists(marker);
        round.endAfterRecovery = verifyRecovered(store, round);
        return round;
    }

    private static boolean triggered(Trigger trigger, List<String> lines, Path marker) {
        return switch (trigger) {
            case AFTER_CUT -> lines.stream().anyMatch(l -> l.startsWith("CUT "));
            case CUTTING_PRINTED -> lines.stream().anyMatch(l -> l.startsWith("CUTTING "));
            case MARKER_SEEN -> Files.exists(marker);
        };
    }

    private static long verifyRecovered(Path dir, Round round) {
        DefaultMessageStore store = Stores.open(TruncatingStoreMain.config(dir));
        try {
            assertThat(store.awaitDispatched(10_000)).isTrue();
            long max = store.getMaxPhyOffset();
            assertThat(max).as("the store ends where it did before the cut or at the cut").isIn(round.cut, round.end);
            if (round.markerLeft) {
                assertThat(max).as("an interrupted cut is finished by recovery").isEqualTo(round.cut);
            }
            assertThat(Files.exists(dir.resolve("truncating"))).as("marker removed after recovery").isFalse();
            int count = max == round.cut ? KEEP : TOTAL;
            int q4 = TruncatingStoreMain.QUEUES;
            for (int q = 0; q < q4; q++) {
                long units = count / q4 + (q < count % q4 ? 1 : 0);
                assertThat(store.getMaxOffsetInQueue(TruncatingStoreMain.TOPIC, q)).as("queue %d", q).isEqualTo(units);
                for (long qo = 0; qo < units; qo++) {
                    long off = store.getCommitLogOffsetInQueue(TruncatingStoreMain.TOPIC, q, qo);
                    MessageExt m = store.lookMessageByOffset(off);
                    assertThat(m).as("record %d of queue %d at %d", qo, q, off).isNotNull();
                    assertThat(new String(m.getBody(), StandardCharsets.UTF_8))
                            .isEqualTo(TruncatingStoreMain.body((int) qo * q4 + q));
                    assertThat(m.getQueueOffset()).isEqualTo(qo);
                }
            }
            assertThat(store.queryMessage(TruncatingStoreMain.TOPIC, "k" + (KEEP - 1), 4, 0, Long.MAX_VALUE)
                    .messages()).as("index keeps the last record before the cut").hasSize(1);
            assertThat(store.queryMessage(TruncatingStoreMain.TOPIC, "k" + KEEP, 4, 0, Long.MAX_VALUE)
                    .messages()).as("index of the first record at the cut").hasSize(count > KEEP ? 1 : 0);
            int q = count % q4;
            PutMessageResult r = store.putMessage(Stores.message(TruncatingStoreMain.TOPIC, q, "after the kill"));
            assertThat(r.status()).isEqualTo(PutMessageStatus.PUT_OK);
            assertThat(r.appendResult().wroteOffset()).isEqualTo(max);
            assertThat(r.appendResult().logicsOffset()).isEqualTo(count / q4);
            return max;
        } finally {
            store.shutdown();
        }
    }
}
