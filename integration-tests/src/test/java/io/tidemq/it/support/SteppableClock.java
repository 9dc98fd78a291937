package io.tidemq.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A wall clock for one child process that the test steps forward and back while it runs: libfaketime (Debian's
 * {@code libfaketime}) preloaded, reading its offset from a file at most once a second (reading it on every call,
 * which includes the JVM's many monotonic-clock reads, slows a busy JVM enough to time its clients out). The
 * monotonic clock is left alone, as a real clock step leaves it (and Java hangs when it is faked).
 */
public final class SteppableClock {
    private static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

    /** How long a written step takes to show in the process (the cache plus its refresh, measured here ~2.6 s). */
    private static final long SEEN_WITHIN_MILLIS = 3500;

    private final Path offsetFile;
    private long offsetSeconds;

    private SteppableClock(Path offsetFile) {
        this.offsetFile = offsetFile;
    }

    /** A clock at the real time, its offset kept in {@code dir}. Fails when libfaketime is not installed. */
    public static SteppableClock create(Path dir) throws IOException {
        if (!Files.exists(LIBRARY)) {
            throw new IllegalStateException(LIBRARY + " is missing: install Debian's libfaketime (.ci/run does)");
        }
        Files.createDirectories(dir);
        SteppableClock c = new SteppableClock(dir.resolve("faketime-offset"));
        c.write();
        return c;
    }

    /** The environment that puts a process on this clock. */
    public Map<String, String> environment() {
        return Map.of("LD_PRELOAD", LIBRARY.toString(),
                "FAKETIME_TIMESTAMP_FILE", offsetFile.toString(),
                "FAKETIME_CACHE_DURATION", "1",
                "FAKETIME_DONT_FAKE_MONOTONIC", "1");
    }

    /** Steps the process's wall clock by {@code by} (negative: back); returns once the process sees the step. */
    public void step(Duration by) throws IOException, InterruptedException {
        offsetSeconds += by.toSeconds();
        write();
        Thread.sleep(SEEN_WITHIN_MILLIS);
    }

    /** How far the process's wall clock is from the real one, ms. */
    public long offsetMillis() {
        return offsetSeconds * 1000;
    }

    private void write() throws IOException {
        Path tmp = offsetFile.resolveSibling(offsetFile.getFileName() + ".tmp");
        Files.writeString(tmp, String.format("%+d%n", offsetSeconds));
        Files.move(tmp, offsetFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
