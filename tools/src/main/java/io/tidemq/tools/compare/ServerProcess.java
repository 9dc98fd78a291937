package io.tidemq.tools.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server JVM started by the comparison: how long it took to print its boot line, and its resident memory and CPU
 * time read from /proc (Linux).
 */
final class ServerProcess implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final String name;
    private final Process process;
    private final long bootMillis;

    private ServerProcess(String name, Process process, long bootMillis) {
        this.name = name;
        this.process = process;
        this.bootMillis = bootMillis;
    }

    /** Starts {@code cmd}, logs its output to {@code log}, and waits for a line containing {@code bootLine}. */
    static ServerProcess start(String name, List<String> cmd, Path log, String bootLine) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CountDownLatch booted = new CountDownLatch(1);
        long[] bootNanos = {0};
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (booted.getCount() > 0 && line.contains(bootLine)) {
                        bootNanos[0] = System.nanoTime();
                        booted.countDown();
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        if (!booted.await(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not print '" + bootLine + "' within 60 s; see " + log);
        }
        return new ServerProcess(name, p, (bootNanos[0] - t0) / 1_000_000);
    }

    String name() {
        return name;
    }

    long bootMillis() {
        return bootMillis;
    }

    /** Resident set size in KiB (VmRSS), or -1. */
    long rssKb() {
        return statusField("VmRSS:");
    }

    private long statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User + system CPU time consumed so far, ms. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** SIGTERM, then SIGKILL if it does not exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
