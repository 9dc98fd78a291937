package io.tidemq.tools.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * TOPICS: the produce rate over many topics (8 queues each, created up front with the admin client) against the
 * rate on one topic, in the same broker: 16 threads, 1 KiB sync sends, round robin over the topics.
 */
final class ScaleTopics {
    static final int QUEUES = 8;
    static final int THREADS = 16;
    static final String MANY = "ScaleTopic";
    static final String ONE = "ScaleOneTopic";

    private ScaleTopics() {
    }

    /**
     * How many of the 8 queues of each topic the producer writes. Both brokers keep one open, memory-mapped file per
     * written consume queue, so 10,000 x 8 queues need 80,000 open files and mappings; this stays within 60 % of
     * this machine's open-file limit and of vm.max_map_count (the same number for both systems).
     */
    static int queuesWritten(int topicCount) {
        long budget = (long) (Math.min(openFileLimit(), maxMapCount()) * 0.6);
        return (int) Math.max(1, Math.min(QUEUES, budget / Math.max(1, topicCount)));
    }

    static void run(ScaleEnv env, Flavor flavor, int basePort, int topicCount) throws Exception {
        String n = ScaleEnv.count(topicCount);
        int written = queuesWritten(topicCount);
        String many = n + " topics" + (written < QUEUES ? " (" + written + " of " + QUEUES + " queues written)" : "");
        System.out.printf("== %s: %s topics of %d queues against 1 topic%n", flavor.label(), n, QUEUES);
        Path dir = env.freshDir("topics", flavor);
        try (Cluster c = Cluster.start(flavor, Topology.ASYNC_FLUSH, env.classpath(flavor), env.serverJvm, dir,
                basePort); Admin admin = Admin.connect(c.namesrvAddr)) {
            List<String> names = new ArrayList<>(IntStream.range(0, topicCount).mapToObj(i -> MANY + "_" + i).toList());
            long createMs = admin.createTopics(c.masterAddr, names, QUEUES, 4);
            admin.createTopics(c.masterAddr, List.of(ONE), QUEUES, 1);
            names.add(ONE);
            long routeMs = admin.awaitTopics(names, 180_000);
            System.out.printf("   %d topics created in %d ms, all on the NameServer %d ms later%n", names.size(),
                    createMs, routeMs);
            env.results.put(n + " topics: creating them (s)", flavor, createMs / 1000.0, false);
            Map<String, Double> r = env.bench.run(c.namesrvAddr, "produce", "-t", MANY, "--topics",
                    String.valueOf(topicCount), "--queues-per-topic", String.valueOf(written), "--prime",
                    "-c", String.valueOf(THREADS), "-s", "1024", "-d", String.valueOf(env.duration), "-w",
                    String.valueOf(env.warmup));
            Map<String, Double> one = env.bench.run(c.namesrvAddr, "produce", "-t", ONE, "--queues-per-topic",
                    String.valueOf(QUEUES), "--prime", "-c", String.valueOf(THREADS), "-s", "1024", "-d",
                    String.valueOf(env.duration), "-w", String.valueOf(env.warmup));
            double manyTps = r.getOrDefault("tps", 0.0);
            double oneTps = one.getOrDefault("tps", 0.0);
            env.results.put(many + " produce tps", flavor, manyTps, true);
            env.results.put("1 topic produce tps (same run)", flavor, oneTps, true);
            if (oneTps > 0) {
                env.results.put(n + " topics / 1 topic (tps ratio)", flavor, manyTps / oneTps, true);
            }
            if (r.getOrDefault("failed", 0.0) > 0 || one.getOrDefault("failed", 0.0) > 0) {
                env.notes.add(String.format(Locale.ROOT, "%s, TOPICS: %.0f failed sends over %s topics, %.0f on 1 "
                        + "topic", flavor.label(), r.getOrDefault("failed", 0.0), n, one.getOrDefault("failed", 0.0)));
            }
        } finally {
            ScaleEnv.deleteStores(dir);
        }
    }

    static String method(int topicCount) {
        String n = ScaleEnv.count(topicCount);
        int written = queuesWritten(topicCount);
        String s = "**TOPICS.** " + n + " topics of " + QUEUES + " read/write queues each, plus one more topic, are "
                + "created on a fresh single master (ASYNC_FLUSH) with the official admin client "
                + "(`DefaultMQAdminExt.createAndUpdateTopicConfig`, 4 threads), and the run waits until the NameServer "
                + "lists all of them. mqbench then sends 1 KiB messages (sync) from " + THREADS + " threads, each "
                + "thread going round robin over the " + n + " topics; before its clock starts the producer fetches "
                + "all routes and sends one message to every queue it will write (which creates the queue's files), "
                + "then it warms up before the measured window. Right after, the same workload runs on the "
                + "single topic in the same broker. The ratio row divides the two rates of one system.";
        if (written < QUEUES) {
            s += " Both brokers keep one open, memory-mapped file per written consume queue; writing all " + QUEUES
                    + " queues of " + n + " topics would need " + ScaleEnv.count((long) QUEUES * topicCount)
                    + " open files and mappings, more than this machine allows (open files " + openFileLimit()
                    + ", vm.max_map_count " + maxMapCount() + "), so the producer writes only the first " + written
                    + " queue(s) of each topic (a queue selector; the one-topic run writes all " + QUEUES
                    + "). The topics still have " + QUEUES + " queues each in the broker, the routes and the "
                    + "registrations.";
        }
        return s;
    }

    /** The soft limit of open files of this process (inherited by the servers). */
    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String v = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(v) ? Long.MAX_VALUE / 4 : Long.parseLong(v);
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return 65_536;
    }

    static long maxMapCount() {
        try {
            // read line-wise: Files.readString trusts the size procfs reports and returned a truncated value
            return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).get(0).trim());
        } catch (Exception e) {
            return 65_530;
        }
    }
}
