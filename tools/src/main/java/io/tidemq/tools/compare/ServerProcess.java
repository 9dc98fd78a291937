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
    private final List<String> cmd;
    private final Process process;
    private final Path log;
    private final String bootLine;
    private final long launchNanos;
    private final CountDownLatch booted = new CountDownLatch(1);
    private volatile long bootNanos;

    private ServerProcess(String name, List<String> cmd, Process process, Path log, String bootLine,
                          long launchNanos) {
        this.name = name;
        this.cmd = cmd;
        this.process = process;
        this.log = log;
        this.bootLine = bootLine;
        this.launchNanos = launchNanos;
    }

    /** Starts {@code cmd}, logs its output to {@code log}, and waits for a line containing {@code bootLine}. */
    static ServerProcess start(String name, List<String> cmd, Path log, String bootLine) throws Exception {
        ServerProcess p = launch(name, cmd, log, bootLine);
        p.awaitBoot(60_000);
        return p;
    }

    /**
     * Starts {@code cmd} and logs its output to {@code log} without waiting; {@link #awaitBoot} waits for the line
     * containing {@code bootLine}.
     */
    static ServerProcess launch(String name, List<String> cmd, Path log, String bootLine) throws IOException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ServerProcess sp = new ServerProcess(name, List.copyOf(cmd), p, log, bootLine, t0);
        Thread reader = new Thread(sp::pump, name + "-output");
        reader.setDaemon(true);
        reader.start();
        return sp;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = r.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (booted.getCount() > 0 && line.contains(bootLine)) {
                    bootNanos = System.nanoTime();
                    booted.countDown();
                }
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    /** Waits for the boot line; kills the process and throws if it does not come within {@code timeoutMillis}. */
    void awaitBoot(long timeoutMillis) throws InterruptedException {
        if (!booted.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not print '" + bootLine + "' within "
                    + timeoutMillis / 1000 + " s; see " + log);
        }
    }

    /** Starts the same command again (after this one was closed), logging to {@code newLog}, and waits for boot. */
    ServerProcess restart(Path newLog) throws Exception {
        return start(name, cmd, newLog, bootLine);
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long launchNanos() {
        return launchNanos;
    }

    /** {@link System#nanoTime()} when the boot line was read (0 before). */
    long bootNanos() {
        return bootNanos;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long bootMillis() {
        return (bootNanos - launchNanos) / 1_000_000;
    }

    /** Resident set size in KiB (VmRSS), or -1. */
    long rssKb() {
        return statusField("VmRSS:");
    }

    /** Anonymous resident memory in KiB (RssAnon: heap, direct buffers, metaspace, code, stacks), or -1. */
    long rssAnonKb() {
        return statusField("RssAnon:");
    }

    /** File-backed and shared resident memory in KiB (RssFile + RssShmem: mapped store files, jars), or -1. */
    long rssFileKb() {
        long file = statusField("RssFile:");
        long shmem = statusField("RssShmem:");
        return file < 0 ? -1 : file + Math.max(0, shmem);
    }

    /** Milliseconds since launch, on the clock the JVM's uptime decorations in its GC log use (give or take). */
    long uptimeMillis() {
        return (System.nanoTime() - launchNanos) / 1_000_000;
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

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** SIGTERM without waiting (so several servers stop in parallel before {@link #close()}). */
    void terminate() {
        process.destroy();
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
