package io.tidemq.tools.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GROUPS: broker CPU per message with many consumer groups subscribed to one topic. One client JVM (mqbench
 * {@code groups}) runs all the push consumers on one shared client instance and a producer at a fixed rate; the
 * broker's CPU time is read when the client prints the start and the end of its measured window.
 */
final class ScaleGroups {
    static final String TOPIC = "ScaleGroupsTopic";
    static final int QUEUES = 4;

    private ScaleGroups() {
    }

    static void run(ScaleEnv env, Flavor flavor, int basePort, int groupCount, int rate) throws Exception {
        String n = ScaleEnv.count(groupCount);
        System.out.printf("== %s: %s consumer groups on one topic, %d msg/s%n", flavor.label(), n, rate);
        Path dir = env.freshDir("groups", flavor);
        try (Cluster c = Cluster.start(flavor, Topology.ASYNC_FLUSH, env.classpath(flavor), env.serverJvm, dir,
                basePort)) {
            try (Admin admin = Admin.connect(c.namesrvAddr)) {
                admin.createTopics(c.masterAddr, List.of(TOPIC), QUEUES, 1);
                admin.awaitTopics(List.of(TOPIC), 60_000);
            }
            long[] cpu = new long[2];
            long[] at = new long[2];
            long[] rss = new long[1];
            ServerProcess broker = c.master;
            String xmx = groupCount >= 300 ? "-Xmx1g" : "-Xmx512m";
            Map<String, Double> r = env.bench.run(c.namesrvAddr, xmx, line -> {
                if (line.contains("MEASURE-BEGIN")) {
                    cpu[0] = broker.cpuMillis();
                    at[0] = System.nanoTime();
                } else if (line.contains("MEASURE-END")) {
                    cpu[1] = broker.cpuMillis();
                    at[1] = System.nanoTime();
                    rss[0] = broker.rssKb();
                }
            }, "groups", "-t", TOPIC, "-g", String.valueOf(groupCount), "-r", String.valueOf(rate), "-d",
                    String.valueOf(env.duration), "-w", String.valueOf(env.warmup));
            if (r.isEmpty() || at[1] == 0) {
                env.notes.add(flavor.label()
                        + ", GROUPS: the client did not complete its measured window; no figures");
                return;
            }
            double cpuMs = cpu[1] - cpu[0];
            double windowMs = (at[1] - at[0]) / 1e6;
            double sent = r.getOrDefault("sent", 0.0);
            double window = r.getOrDefault("windowDeliveries", 0.0);
            String p = n + " groups: ";
            if (window > 0) {
                env.results.put(p + "broker CPU per delivered msg (us)", flavor, cpuMs * 1000 / window, false);
            }
            env.results.put(p + "broker CPU (% of one core)", flavor, cpuMs * 100 / windowMs, false);
            env.results.put(p + "deliveries/s in the window", flavor, window * 1000 / windowMs, true);
            env.results.put(p + "delivered / expected", flavor, r.getOrDefault("deliveredRatio", 0.0), true);
            env.results.put(p + "broker RSS (MiB)", flavor, rss[0] / 1024.0, false);
            env.results.put(p + "all receiving after (s)", flavor, r.getOrDefault("readySeconds", 0.0), false);
            env.notes.add(String.format(Locale.ROOT, "%s, GROUPS: %.0f messages sent in %.1f s (%.0f failed), "
                            + "%.0f deliveries in the window, %.0f of %.0f expected deliveries arrived "
                            + "(%.0f duplicates)",
                    flavor.label(), sent, windowMs / 1000, r.getOrDefault("failed", 0.0), window,
                    r.getOrDefault("delivered", 0.0), r.getOrDefault("expected", 0.0),
                    r.getOrDefault("duplicates", 0.0)));
        } finally {
            ScaleEnv.deleteStores(dir);
        }
    }

    static String method(int groupCount, int rate) {
        String n = ScaleEnv.count(groupCount);
        return "**GROUPS.** One topic with " + QUEUES + " queues on a fresh single master (ASYNC_FLUSH) and " + n
                + " consumer groups subscribed to it, all in one client JVM (mqbench `groups`): " + n
                + " `DefaultMQPushConsumer`s with distinct group names share one client instance (same instance "
                + "name: one connection, one pull thread, one rebalance thread) and one consume thread each; "
                + "default pull batch size, consume from the last offset. Push consumers were chosen over "
                + "`DefaultLitePullConsumer`, which long-polls synchronously with a thread per queue and group ("
                + ScaleEnv.count((long) QUEUES * groupCount) + " blocked threads) and a pull thread pool per "
                + "consumer. A producer in the same JVM sends 1 KiB messages at a fixed " + rate + " msg/s (so "
                + ScaleEnv.count((long) rate * groupCount) + " deliveries/s are expected), first until every group "
                + "has received from every queue (the \"all receiving after\" row counts from the first consumer's "
                + "start), then for the warm-up, then for the measured window. The broker's user+system CPU time "
                + "is read when the window opens and closes and divided by the deliveries that happened in it "
                + "(us per delivery) and by the window's length (% of one core); % of a core = us per delivery x deliveries/s / 10,000, so the two rows show "
                + "the same number when deliveries run at 10,000/s. CPU per produced message is not shown: it is "
                + "the CPU per delivery times the group count. Delivered / expected counts distinct (group, message) pairs of "
                + "the window's messages, after waiting up to 60 s for late ones; 1.00 means nothing was lost.";
    }
}
