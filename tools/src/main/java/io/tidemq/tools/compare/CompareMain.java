package io.tidemq.tools.compare;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs Apache RocketMQ 4.9.3, Apache RocketMQ 5.3.1 (when its class path is given) and TideMQ in turn with the same
 * JVM options, store settings and topology, drives the same mqbench workloads against each, repeats the topology
 * runs in rounds that alternate the systems' order, and prints (and writes to a Markdown file with charts) the
 * medians with their ranges and the ratios of TideMQ to each.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Side-by-side benchmark of TideMQ and Apache RocketMQ 4.9.3 (and 5.3.1) on this machine.")
public final class CompareMain implements Callable<Integer> {
    @Option(names = "--tidemq-classpath", required = true, description = "Class path of TideMQ (lib/*)")
    String tidemqClasspath;

    @Option(names = "--tools-classpath",
            description = "Class path of mqbench, when the servers' class path lacks the client (default: the "
                    + "TideMQ class path)")
    String toolsClasspath;

    @Option(names = "--apache-classpath-file", required = true, description = "File holding Apache's class path")
    Path apacheClasspathFile;

    @Option(names = "--apache5-classpath-file",
            description = "File holding Apache RocketMQ 5.3.1's class path (its brokers join the topology runs)")
    Path apache5ClasspathFile;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Topology runs per system; each round starts with the next system in turn")
    int rounds;

    @Option(names = "--work", defaultValue = "target/compare", description = "Scratch folder (stores, logs)")
    Path work;

    @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "Markdown report to write")
    Path out;

    @Option(names = "--duration", defaultValue = "20", description = "Measured seconds per workload")
    int duration;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds per workload")
    int warmup;

    @Option(names = "--e2e-rate", defaultValue = "2000", description = "Fixed send rate of the e2e workload")
    int e2eRate;

    @Option(names = "--server-jvm", defaultValue = "-Xms512m -Xmx512m -XX:MaxDirectMemorySize=512m -XX:+UseG1GC",
            description = "JVM options of every server, both systems")
    String serverJvm;

    @Option(names = "--topologies", split = ",", description = "Subset to run (default all): ${COMPLETION-CANDIDATES}")
    Set<Topology> topologies = EnumSet.allOf(Topology.class);

    @Option(names = "--skip-topologies", description = "Run none of the topology workloads (only scale runs)")
    boolean skipTopologies;

    @Option(names = "--scale", split = ",",
            description = "Scale runs to do (default all): ${COMPLETION-CANDIDATES}")
    Set<Scale> scale = EnumSet.allOf(Scale.class);

    @Option(names = "--skip-scale", description = "Run none of the scale runs")
    boolean skipScale;

    @Option(names = "--topic-count", defaultValue = "10000", description = "TOPICS: number of topics")
    int topicCount;

    @Option(names = "--group-count", defaultValue = "1000", description = "GROUPS: number of consumer groups")
    int groupCount;

    @Option(names = "--groups-rate", defaultValue = "10",
            description = "GROUPS: messages per second sent (x groups = deliveries/s; 10 x 1,000 keeps both brokers "
                    + "under half a core here, so neither the broker nor the client saturates the 2 cores)")
    int groupsRate;

    @Option(names = "--cold-backlog-gib", defaultValue = "10", description = "COLD_DRAIN: backlog size, GiB")
    double coldBacklogGib;

    @Option(names = "--hot-gib", defaultValue = "1", description = "COLD_DRAIN: size of the hot drain, GiB")
    double hotGib;

    @Option(names = "--cold-message-size", defaultValue = "16384", description = "COLD_DRAIN: message size, bytes")
    int coldMessageSize;

    private final Results results = new Results();
    private List<Flavor> flavors = List.of(Flavor.APACHE, Flavor.TIDEMQ);
    private final List<String> notes = new ArrayList<>();
    private MqBenchRunner runner;

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            // the admin client of the scale runs logs through slf4j; without a configuration logback prints DEBUG
            Path conf = Files.createTempFile("compare-logback", ".xml");
            conf.toFile().deleteOnExit();
            Files.writeString(conf, "<configuration>\n"
                    + "  <appender name=\"C\" class=\"ch.qos.logback.core.ConsoleAppender\"><encoder>"
                    + "<pattern>%d %-5level %logger{20} - %msg%n</pattern></encoder></appender>\n"
                    + "  <root level=\"WARN\"><appender-ref ref=\"C\"/></root>\n</configuration>\n");
            System.setProperty("logback.configurationFile", conf.toString());
        }
        // bench/compare.sh passes defaults for --work and --out first; what the user adds after them wins
        System.exit(new CommandLine(new CompareMain()).setOverwrittenOptionsAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String apacheClasspath = Files.readString(apacheClasspathFile).trim();
        Flavor.setApache49Classpath(apacheClasspath);
        String apache5Classpath = apache5ClasspathFile == null ? null : Files.readString(apache5ClasspathFile).trim();
        flavors = apache5Classpath == null ? List.of(Flavor.APACHE, Flavor.TIDEMQ)
                : List.of(Flavor.APACHE, Flavor.APACHE5, Flavor.TIDEMQ);
        Files.createDirectories(work);
        // the admin client of the scale runs logs here rather than to ~/logs
        System.setProperty("rocketmq.client.logRoot", work.resolve("client-logs").toAbsolutePath().toString());
        runner = new MqBenchRunner(toolsClasspath != null ? toolsClasspath : tidemqClasspath, work, notes);
        if (skipTopologies) {
            topologies = EnumSet.noneOf(Topology.class);
        }
        if (skipScale) {
            scale = EnumSet.noneOf(Scale.class);
        }
        int port = 30_000;
        for (int round = 0; round < rounds; round++) {
            for (Topology topology : topologies) {
                for (int i = 0; i < flavors.size(); i++) {
                    // alternate who goes first, so a drift of the machine (page cache, disk) does not favour one
                    Flavor flavor = flavors.get((i + round) % flavors.size());
                    String cp = switch (flavor) {
                        case TIDEMQ -> tidemqClasspath;
                        case APACHE -> apacheClasspath;
                        case APACHE5 -> apache5Classpath;
                    };
                    Path dir = work.resolve(topology.name().toLowerCase(Locale.ROOT) + "-"
                            + flavor.name().toLowerCase(Locale.ROOT));
                    deleteRecursively(dir);
                    port += 10;
                    System.out.printf("== round %d/%d: %s on %s%n", round + 1, rounds, flavor.label(),
                            topology.title);
                    try (Cluster cluster = Cluster.start(flavor, topology, cp, serverJvm, dir, port)) {
                        runWorkloads(flavor, topology, cluster);
                    } catch (Exception e) {
                        e.printStackTrace();
                        notes.add(flavor.label() + ", " + topology.name() + ", round " + (round + 1) + ": failed: "
                                + e);
                    }
                    // the stores are a few GiB each: keep only the last run's logs
                    deleteRecursively(dir.resolve("master").resolve("store"));
                    deleteRecursively(dir.resolve("slave").resolve("store"));
                }
            }
        }
        runScale(apacheClasspath);
        String table = table();
        System.out.println(table);
        writeReport(table);
        return 0;
    }

    private void runWorkloads(Flavor flavor, Topology topology, Cluster cluster) throws Exception {
        String key = topology.name();
        if (topology == Topology.ASYNC_FLUSH) {
            results.put("broker boot time (ms)", flavor, cluster.master.bootMillis(), false);
            Thread.sleep(3000);
            results.put("broker RSS idle (MiB)", flavor, cluster.master.rssKb() / 1024.0, false);
            results.put("broker RSS idle, anon (MiB)", flavor, cluster.master.rssAnonKb() / 1024.0, false);
            results.put("broker RSS idle, file (MiB)", flavor, cluster.master.rssFileKb() / 1024.0, false);
        }
        if (topology.withSlave && !ReplicaReady.await(cluster.namesrvAddr, "BenchTopic", 60_000)) {
            notes.add(flavor.label() + " " + key + ": no SEND_OK within 60 s of the slave's start");
        }
        int[] threadCounts = topology == Topology.ASYNC_FLUSH ? new int[] {1, 4, 16} : new int[] {16};
        for (int threads : threadCounts) {
            // broker CPU over the measured window only (between mqbench's markers): JIT warm-up is not a per-message
            // cost, and the warm-up's send rate differs from the measured one
            long[] cpuAt = {-1, -1};
            long[] upAt = {-1, -1};
            AtomicLong[] peakRss = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
            Thread sampler = rssSampler(cluster.master, peakRss);
            Map<String, Double> r = runner.run(cluster.namesrvAddr, "-Xmx512m", line -> {
                if (line.endsWith("MEASURE-BEGIN")) {
                    cpuAt[0] = cluster.master.cpuMillis();
                    upAt[0] = cluster.master.uptimeMillis();
                } else if (line.endsWith("MEASURE-END")) {
                    cpuAt[1] = cluster.master.cpuMillis();
                    upAt[1] = cluster.master.uptimeMillis();
                }
            }, "produce", "-t", "BenchTopic", "-c", String.valueOf(threads), "-s", "1024", "-d",
                    String.valueOf(duration), "-w", String.valueOf(warmup));
            sampler.interrupt();
            long cpu = cpuAt[0] < 0 || cpuAt[1] < 0 ? -1 : cpuAt[1] - cpuAt[0];
            double tps = r.getOrDefault("tps", 0.0);
            results.put(key + " produce tps, " + threads + " threads", flavor, tps, true);
            results.put(key + " send RT p99 (ms), " + threads + " threads", flavor, r.getOrDefault("rtP99Ms", 0.0),
                    false);
            if (threads == 16) {
                double messages = r.getOrDefault("tps", 0.0) * r.getOrDefault("seconds", (double) duration);
                if (cpu >= 0 && messages > 0) {
                    results.put(key + " broker CPU per message (us), 16 threads", flavor, cpu * 1000.0 / messages,
                            false);
                } else {
                    notes.add(flavor.label() + " " + key + ": no measured window seen, CPU per message not computed");
                }
                results.put(key + " broker RSS under load (MiB)", flavor, peakRss[0].get() / 1024.0, false);
                results.put(key + " broker RSS under load, anon (MiB)", flavor, peakRss[1].get() / 1024.0, false);
                results.put(key + " broker RSS under load, file (MiB)", flavor, peakRss[2].get() / 1024.0, false);
                double rate = GcLog.allocatedBytesPerSecond(cluster.master.log().resolveSibling("gc.log"), upAt[0],
                        upAt[1]);
                if (rate > 0 && tps > 0) {
                    results.put(key + " broker heap allocated per message (KiB), 16 threads", flavor,
                            rate / tps / 1024, false);
                } else {
                    notes.add(flavor.label() + " " + key + ": too few collections in the window to measure "
                            + "allocation");
                }
            }
        }
        if (topology == Topology.ASYNC_FLUSH) {
            Map<String, Double> c = bench(cluster.namesrvAddr, "consume", "-t", "BenchTopic", "-d", "120", "-w",
                    "0", "--idle-stop", "5");
            results.put("consume drain tps", flavor, c.getOrDefault("tps", 0.0), true);
            Map<String, Double> e = bench(cluster.namesrvAddr, "e2e", "-t", "E2ETopic", "-r", String.valueOf(e2eRate),
                    "-d", String.valueOf(duration), "-w", String.valueOf(warmup));
            results.put("e2e p50 (ms) at " + e2eRate + "/s", flavor, e.getOrDefault("p50Ms", 0.0), false);
            results.put("e2e p99 (ms) at " + e2eRate + "/s", flavor, e.getOrDefault("p99Ms", 0.0), false);
            results.put("e2e p999 (ms) at " + e2eRate + "/s", flavor, e.getOrDefault("p999Ms", 0.0), false);
        }
    }

    /** Samples the peaks of total, anonymous and file-backed RSS (each its own peak) every 500 ms. */
    private static Thread rssSampler(ServerProcess p, AtomicLong[] peak) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0].accumulateAndGet(p.rssKb(), Math::max);
                peak[1].accumulateAndGet(p.rssAnonKb(), Math::max);
                peak[2].accumulateAndGet(p.rssFileKb(), Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs mqbench in its own JVM (TideMQ class path carries the tool) and returns its RESULT values. */
    private Map<String, Double> bench(String namesrv, String... args) throws Exception {
        return runner.run(namesrv, args);
    }

    /**
     * The scale runs, each for Apache then TideMQ on its own fresh servers (ports 34000-35051 and 37000-37141,
     * clear of the topology runs' 30010-32081). A run that fails for one system is noted and the others go on.
     */
    private void runScale(String apacheClasspath) throws Exception {
        ScaleEnv env = new ScaleEnv(tidemqClasspath, apacheClasspath, serverJvm, work, results, notes, runner,
                duration, warmup);
        for (Scale s : scale) {
            for (Flavor flavor : List.of(Flavor.APACHE, Flavor.TIDEMQ)) {
                int k = flavor == Flavor.APACHE ? 0 : 1;
                long t0 = System.nanoTime();
                try {
                    switch (s) {
                        case TOPICS -> ScaleTopics.run(env, flavor, 34_000 + 10 * k, topicCount);
                        case GROUPS -> ScaleGroups.run(env, flavor, 34_020 + 10 * k, groupCount, groupsRate);
                        case COLD_DRAIN -> ColdDrain.run(env, flavor, 34_040 + 10 * k, coldBacklogGib, hotGib,
                                coldMessageSize);
                        case CLUSTER -> WholeCluster.run(env, flavor, 37_000 + 100 * k);
                        default -> throw new IllegalStateException(s.name());
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    notes.add(flavor.label() + ", " + s + ": failed: " + e);
                }
                System.out.printf("   (%s on %s took %d s)%n", s, flavor.label(),
                        (System.nanoTime() - t0) / 1_000_000_000L);
            }
        }
    }

    private String table() {
        StringBuilder sb = new StringBuilder("| metric |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Flavor f : flavors) {
            sb.append(' ').append(f.label()).append(" |");
            rule.append("---:|");
        }
        for (Flavor f : flavors) {
            if (f != Flavor.TIDEMQ) {
                sb.append(" TideMQ/").append(f.label().replace("Apache ", "")).append(" |");
                rule.append("---:|");
            }
        }
        sb.append('\n').append(rule).append('\n');
        for (String metric : results.metrics()) {
            sb.append("| ").append(metric).append(" |");
            for (Flavor f : flavors) {
                sb.append(' ').append(cell(results.runs(metric, f), results.get(metric, f))).append(" |");
            }
            Double t = results.get(metric, Flavor.TIDEMQ);
            for (Flavor f : flavors) {
                if (f != Flavor.TIDEMQ) {
                    Double a = results.get(metric, f);
                    sb.append(' ').append(a == null || t == null || a == 0 ? "-"
                            : String.format(Locale.ROOT, "%.2f", t / a)).append(" |");
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The median, with the range when there was more than one run. */
    private static String cell(List<Double> runs, Double median) {
        if (median == null) {
            return "-";
        }
        if (runs.size() < 2) {
            return fmt(median);
        }
        double min = runs.stream().mapToDouble(Double::doubleValue).min().orElse(median);
        double max = runs.stream().mapToDouble(Double::doubleValue).max().orElse(median);
        return fmt(median) + " (" + fmt(min) + "-" + fmt(max) + ")";
    }

    private static String fmt(Double v) {
        if (v == null) {
            return "-";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    private void writeReport(String table) throws Exception {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<String> charts = new ArrayList<>();
        if (results.get("ASYNC_FLUSH produce tps, 1 threads", Flavor.TIDEMQ) != null) {
            List<String> groups = List.of("1", "4", "16");
            double[][] v = new double[flavors.size()][3];
            for (int k = 0; k < flavors.size(); k++) {
                for (int i = 0; i < 3; i++) {
                    v[k][i] = nz(results.get("ASYNC_FLUSH produce tps, " + groups.get(i) + " threads",
                            flavors.get(k)));
                }
            }
            BarChart.write(dir.resolve("bench-produce-threads.png"), "Produce throughput, 1 KiB, ASYNC_FLUSH",
                    "msg/s", groups, labels(), v);
            charts.add("![produce throughput against threads](bench-produce-threads.png)");
        }
        String rate = "at " + e2eRate + "/s";
        if (results.get("e2e p50 (ms) " + rate, Flavor.TIDEMQ) != null) {
            List<String> groups = List.of("p50", "p99", "p999");
            double[][] v = new double[flavors.size()][3];
            for (int k = 0; k < flavors.size(); k++) {
                for (int i = 0; i < 3; i++) {
                    v[k][i] = nz(results.get("e2e " + groups.get(i) + " (ms) " + rate, flavors.get(k)));
                }
            }
            BarChart.write(dir.resolve("bench-e2e-latency.png"), "End-to-end latency " + rate, "ms", groups,
                    labels(), v);
            charts.add("![end-to-end latency percentiles](bench-e2e-latency.png)");
        }
        String machine = machine();
        StringBuilder md = new StringBuilder();
        md.append(flavors.contains(Flavor.APACHE5) ? "# Benchmarks: TideMQ beside Apache RocketMQ 4.9.3 and 5.3.1\n\n"
                : "# Benchmarks: TideMQ beside Apache RocketMQ 4.9.3\n\n");
        md.append("Generated by `bench/compare.sh` on ").append(LocalDateTime.now().withNano(0)).append(".\n\n");
        md.append("## Method\n\n");
        if (topologies.isEmpty()) {
            md.append("Only scale runs this time. The client, the servers and this tool share the machine's cores, "
                    + "so absolute numbers are noise-prone; ratios from the same run are what to read.\n\n");
        } else {
            md.append(flavors.size() == 3 ? "Apache RocketMQ 4.9.3, Apache RocketMQ 5.3.1 and TideMQ" : "Both systems")
                    .append(" run in turn on this machine as child JVMs with the same options (`")
                    .append(serverJvm).append("`), the same store settings and topology, and the same workloads "
                            + "from `mqbench` (built on the official rocketmq-client 4.9.3, in its own JVM): produce "
                            + "1 KiB messages (sync sends) from 1, 4 and 16 threads; drain the topic with a push "
                            + "consumer; send at a fixed rate and measure end-to-end latency at a consumer in the same "
                            + "process. Each workload warms up for ")
                    .append(warmup).append(" s and is measured for ").append(duration).append(" s. Boot time is "
                            + "from process start to the `boot success` line; RSS is VmRSS of the broker process; CPU "
                            + "per message is the broker's user+system time during the measured window of the "
                            + "16-thread run (between mqbench's MEASURE-BEGIN and MEASURE-END lines, so JIT warm-up "
                            + "is left out for both) divided by the messages sent in that window. TideMQ is started "
                            + "with the class-data-sharing archive its build writes (lib/tidemq.jsa), as its start "
                            + "scripts do, and logs with its shipped logging set-up (asynchronous rolling files); "
                            + "Apache's logback files are not on Maven Central, so Apache logs into one plain file "
                            + "the tool writes. The client, the servers and this tool share the machine's cores, "
                            + "so absolute numbers are noise-prone; ratios from the same run are what to read.\n\n");
            md.append("Every topology run is repeated ").append(rounds).append(" times; each round starts with the "
                    + "next system in turn (A, B, C; then B, C, A; ...), so a drift of the machine does not favour "
                    + "one. A cell is the median of the runs with the range in brackets; a ratio divides TideMQ's "
                    + "median by the other's. RSS is split into anonymous memory (RssAnon: heap, direct buffers, "
                    + "metaspace, code, thread stacks) and file-backed memory (RssFile + RssShmem: the mapped "
                    + "CommitLog and queue files, jars), each column its own peak. Heap allocated per message is "
                    + "read the same way for every system from the broker's GC log (`-Xlog:gc`): what the heap "
                    + "grew by from the end of one collection to the start of the next, summed over the collections "
                    + "inside the 16-thread measured window, per second, divided by the messages per second.");
            if (flavors.contains(Flavor.APACHE5)) {
                md.append(" Apache RocketMQ 5.3.1's broker comes from Maven Central; its NameServer is not served "
                        + "there, so its broker registers with Apache 4.9.3's NameServer, which the 4.9.3 client "
                        + "reads routes from as from any other.");
            }
            md.append("\n\n");
        }
        if (!scale.isEmpty()) {
            md.append("Scale runs, each for Apache then TideMQ on fresh servers with the same JVM options:\n\n");
            for (Scale sc : scale) {
                String para = switch (sc) {
                    case TOPICS -> ScaleTopics.method(topicCount) + " Warm-up " + warmup + " s, measured " + duration
                            + " s.";
                    case GROUPS -> ScaleGroups.method(groupCount, groupsRate) + " Warm-up " + warmup
                            + " s, measured " + duration + " s.";
                    case COLD_DRAIN -> ColdDrain.method(coldBacklogGib, hotGib, coldMessageSize);
                    case CLUSTER -> WholeCluster.method();
                };
                md.append(para).append("\n\n");
            }
        }
        md.append("Machine: ").append(machine).append("\n\n");
        md.append("## Results\n\n").append(table).append('\n');
        for (String c : charts) {
            md.append(c).append("\n\n");
        }
        if (!notes.isEmpty()) {
            md.append("## Notes\n\n");
            for (String n : notes) {
                md.append("- ").append(n).append('\n');
            }
        }
        Files.writeString(out, md.toString());
        System.out.println("report written to " + out.toAbsolutePath());
    }

    private List<String> labels() {
        return flavors.stream().map(Flavor::label).toList();
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    private static String machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.split(":", 2)[1].trim())
                    .orElse("unknown CPU");
            long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
            return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + (memKb / 1024 / 1024)
                    + " GiB RAM, Java " + System.getProperty("java.version");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
