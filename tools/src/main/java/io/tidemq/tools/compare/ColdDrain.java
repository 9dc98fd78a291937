package io.tidemq.tools.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * COLD_DRAIN: the drain rate of a large backlog that is no longer in the page cache, against the drain rate of a
 * smaller backlog drained right after it was written (hot). Order in one broker: write the cold topic, write the hot
 * topic, drain the hot topic, write a filler topic (so the files a restart re-reads hold no cold data), stop the
 * broker, sync and drop the page cache, start the broker again, drain the cold topic with a new group.
 */
final class ColdDrain {
    static final String COLD = "ColdTopic";
    static final String HOT = "HotTopic";
    static final String FILLER = "FillerTopic";
    static final int QUEUES = 8;
    static final long GIB = 1L << 30;
    static final double FILLER_GIB = 2;

    private ColdDrain() {
    }

    static void run(ScaleEnv env, Flavor flavor, int basePort, double backlogGib, double hotGib, int msgSize)
            throws Exception {
        double hot = Math.min(hotGib, backlogGib);
        double filler = Math.min(FILLER_GIB, backlogGib);
        String coldName = gib(backlogGib) + " GiB";
        String hotName = gib(hot) + " GiB";
        System.out.printf("== %s: drain %s cold against %s hot, %d-byte messages%n", flavor.label(), coldName,
                hotName, msgSize);
        Path dir = env.freshDir("cold", flavor);
        // deleting files must not start during the run: expired-file deletion is 48 h away already, and the disk
        // limit that forces it is at its highest on both
        Map<String, String> props = Map.of("diskMaxUsedSpaceRatio", "95");
        try (Cluster c = Cluster.start(flavor, Topology.ASYNC_FLUSH, env.classpath(flavor), env.serverJvm, dir,
                basePort, props)) {
            try (Admin admin = Admin.connect(c.namesrvAddr)) {
                admin.createTopics(c.masterAddr, List.of(COLD, HOT, FILLER), QUEUES, 1);
                admin.awaitTopics(List.of(COLD, HOT, FILLER), 60_000);
            }
            Map<String, Double> fill = fill(env, c, COLD, backlogGib, msgSize);
            double coldSent = fill.getOrDefault("sent", 0.0);
            env.results.put(coldName + " backlog: fill (MiB/s, batches of " + batch(msgSize) + ")", flavor,
                    fill.getOrDefault("mbps", 0.0), true);
            double hotSent = fill(env, c, HOT, hot, msgSize).getOrDefault("sent", 0.0);
            Map<String, Double> h = drain(env, c, HOT, hotSent);
            env.results.put("hot drain (" + hotName + " just written): MiB/s", flavor, h.getOrDefault("mbps", 0.0),
                    true);
            env.results.put("hot drain (" + hotName + " just written): msg/s", flavor, h.getOrDefault("tps", 0.0),
                    true);
            fill(env, c, FILLER, filler, msgSize);

            long cachedBefore = cachedMib();
            String[] dropError = {null};
            long[] cachedAfterDrop = {0};
            c.restartMaster(() -> {
                dropError[0] = dropCaches();
                cachedAfterDrop[0] = cachedMib();
            });
            long cachedAfterRestart = cachedMib();
            env.notes.add(String.format(Locale.ROOT, "%s, COLD_DRAIN: page cache (Cached) %d MiB before the drop, "
                            + "%d MiB after it, %d MiB once the broker had restarted", flavor.label(), cachedBefore,
                    cachedAfterDrop[0], cachedAfterRestart));
            if (backlogGib < 4) {
                env.notes.add(flavor.label() + ", COLD_DRAIN: a " + coldName + " backlog lies within the last "
                        + "commit-log files (1 GiB each), which a starting broker reads back, so the cold figures are "
                        + "not cold");
            }
            if (dropError[0] != null) {
                env.notes.add(flavor.label() + ", COLD_DRAIN: could not drop the page cache (" + dropError[0]
                        + "); cold drain not measured");
                return;
            }
            try (Admin admin = Admin.connect(c.namesrvAddr)) {
                admin.awaitTopics(List.of(COLD), 60_000);
            }
            Map<String, Double> cold = drain(env, c, COLD, coldSent);
            env.results.put("cold drain (" + coldName + ", page cache dropped): MiB/s", flavor,
                    cold.getOrDefault("mbps", 0.0), true);
            env.results.put("cold drain (" + coldName + ", page cache dropped): msg/s", flavor,
                    cold.getOrDefault("tps", 0.0), true);
            double hotTps = h.getOrDefault("tps", 0.0);
            if (hotTps > 0) {
                env.results.put("cold / hot drain rate", flavor, cold.getOrDefault("tps", 0.0) / hotTps, true);
            }
        } finally {
            ScaleEnv.deleteStores(dir);
        }
    }

    private static int batch(int msgSize) {
        return Math.max(1, Math.min(16, 256 * 1024 / msgSize));
    }

    private static Map<String, Double> fill(ScaleEnv env, Cluster c, String topic, double gib, int msgSize)
            throws Exception {
        long messages = Math.max(1, Math.round(gib * GIB / msgSize));
        System.out.printf("   writing %s GiB to %s (%d messages)%n", gib(gib), topic, messages);
        Map<String, Double> r = env.bench.run(c.namesrvAddr, "produce", "-t", topic, "-c", "4", "-s",
                String.valueOf(msgSize), "-b", String.valueOf(batch(msgSize)), "--total", String.valueOf(messages),
                "-d", "7200", "-w", "0", "--report", "10");
        if (r.getOrDefault("sent", 0.0) < messages) {
            env.notes.add(String.format(Locale.ROOT, "COLD_DRAIN: only %.0f of %d messages written to %s",
                    r.getOrDefault("sent", 0.0), messages, topic));
        }
        return r;
    }

    private static Map<String, Double> drain(ScaleEnv env, Cluster c, String topic, double expect) throws Exception {
        System.out.printf("   draining %s (%.0f messages) with a new group%n", topic, expect);
        Map<String, Double> r = env.bench.run(c.namesrvAddr, "consume", "-t", topic, "--expect",
                String.valueOf((long) expect), "-d", "7200", "-w", "0", "--idle-stop", "30", "--report", "10");
        if (r.getOrDefault("messages", 0.0) < expect) {
            env.notes.add(String.format(Locale.ROOT, "COLD_DRAIN: drained only %.0f of %.0f messages of %s",
                    r.getOrDefault("messages", 0.0), expect, topic));
        }
        return r;
    }

    /** {@code sync}, then {@code echo 3 > /proc/sys/vm/drop_caches}; null when done, else what failed. */
    private static String dropCaches() {
        try {
            Process p = new ProcessBuilder("sync").inheritIO().start();
            if (p.waitFor() != 0) {
                return "sync exited with " + p.exitValue();
            }
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
            return null;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** "Cached" of /proc/meminfo in MiB, or -1. */
    private static long cachedMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Cached:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return -1;
    }

    private static String gib(double g) {
        return g == Math.rint(g) ? String.valueOf((long) g) : String.format(Locale.ROOT, "%.2f", g);
    }

    static String method(double backlogGib, double hotGib, int msgSize) {
        double hot = Math.min(hotGib, backlogGib);
        return "**COLD_DRAIN.** On a fresh single master (ASYNC_FLUSH, `diskMaxUsedSpaceRatio=95` on both so no file "
                + "is deleted during the run; other store settings default, e.g. `maxTransferCountOnMessageInDisk`), "
                + "mqbench writes " + gib(backlogGib) + " GiB of " + msgSize + "-byte messages (4 threads, batches of "
                + batch(msgSize) + ") to a topic with " + QUEUES + " queues (the cold backlog), then " + gib(hot)
                + " GiB to a second topic, which a push consumer (new group, 8 consume threads, pull batch 32) drains "
                + "right away: the hot rate. Then " + gib(Math.min(FILLER_GIB, backlogGib)) + " GiB go to a third "
                + "topic, so that the last commit-log files, which a broker reads back when it starts, hold no cold "
                + "data; the broker is stopped (a clean shutdown: a running broker keeps the written pages mapped, "
                + "and the kernel does not drop mapped pages), `sync; echo 3 > /proc/sys/vm/drop_caches` runs, the "
                + "broker starts again on the same store, and a new group drains the cold backlog: the cold rate. "
                + "Rates run from the first to the last message received; MiB/s counts message bodies. The page "
                + "cache sizes around the drop are in the notes. On a virtual machine the host may still cache the "
                + "disk, which makes cold reads faster than on real hardware.";
    }
}
