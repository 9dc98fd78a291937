package io.tidemq.tools.compare;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs Apache RocketMQ 4.9.3 and TideMQ in turn with the same JVM options, store settings and topology, drives the
 * same mqbench workloads against each, and prints (and writes to a Markdown file with charts) both figures and
 * the ratio TideMQ/Apache.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Side-by-side benchmark of TideMQ and Apache RocketMQ 4.9.3 on this machine.")
public final class CompareMain implements Callable<Integer> {
    @Option(names = "--tidemq-classpath", required = true, description = "Class path of TideMQ (lib/*)")
    String tidemqClasspath;

    @Option(names = "--apache-classpath-file", required = true, description = "File holding Apache's class path")
    Path apacheClasspathFile;

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

    private final Results results = new Results();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String apacheClasspath = Files.readString(apacheClasspathFile).trim();
        Files.createDirectories(work);
        int port = 30_000;
        for (Topology topology : topologies) {
            for (Flavor flavor : Flavor.values()) {
                String cp = flavor == Flavor.TIDEMQ ? tidemqClasspath : apacheClasspath;
                Path dir = work.resolve(topology.name().toLowerCase(Locale.ROOT) + "-" + flavor.name().toLowerCase());
                deleteRecursively(dir);
                port += 10;
                System.out.printf("== %s on %s%n", flavor.label(), topology.title);
                try (Cluster cluster = Cluster.start(flavor, topology, cp, serverJvm, dir, port)) {
                    runWorkloads(flavor, topology, cluster);
                }
            }
        }
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
        }
        int[] threadCounts = topology == Topology.ASYNC_FLUSH ? new int[] {1, 4, 16} : new int[] {16};
        for (int threads : threadCounts) {
            long cpu0 = cluster.master.cpuMillis();
            AtomicLong peakRss = new AtomicLong();
            Thread sampler = rssSampler(cluster.master, peakRss);
            Map<String, Double> r = bench(cluster.namesrvAddr, "produce", "-t", "BenchTopic", "-c",
                    String.valueOf(threads), "-s", "1024", "-d", String.valueOf(duration), "-w", String.valueOf(warmup));
            sampler.interrupt();
            long cpu = cluster.master.cpuMillis() - cpu0;
            double tps = r.getOrDefault("tps", 0.0);
            results.put(key + " produce tps, " + threads + " threads", flavor, tps, true);
            results.put(key + " send RT p99 (ms), " + threads + " threads", flavor, r.getOrDefault("rtP99Ms", 0.0),
                    false);
            if (threads == 16) {
                double messages = tps * duration + 1;
                // cpu covers warm-up + measure; scale messages to the same span
                double perMsg = cpu * 1000.0 / (messages * (duration + warmup) / duration);
                results.put(key + " broker CPU per message (us), 16 threads", flavor, perMsg, false);
                results.put(key + " broker RSS under load (MiB)", flavor, peakRss.get() / 1024.0, false);
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

    private static Thread rssSampler(ServerProcess p, AtomicLong peak) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(p.rssKb(), Math::max);
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
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-Drocketmq.client.logRoot=" + work.resolve("client-logs").toAbsolutePath(),
                "-cp", tidemqClasspath, "io.tidemq.tools.bench.MqBench"));
        cmd.add(args[0]);
        cmd.add("-n");
        cmd.add(namesrv);
        for (int i = 1; i < args.length; i++) {
            cmd.add(args[i]);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                    System.out.println("   " + line);
                } else if (line.startsWith("[")) {
                    System.out.println("   " + line);
                }
            }
        }
        p.waitFor(5, TimeUnit.MINUTES);
        if (result == null) {
            notes.add("mqbench " + String.join(" ", args) + " printed no RESULT line");
            return Map.of();
        }
        return Results.parseResultLine(result);
    }

    private String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| metric | Apache 4.9.3 | TideMQ | TideMQ/Apache |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, Map<Flavor, Double>> e : results.all().entrySet()) {
            Double a = e.getValue().get(Flavor.APACHE);
            Double t = e.getValue().get(Flavor.TIDEMQ);
            String ratio = a == null || t == null || a == 0 ? "-" : String.format(Locale.ROOT, "%.2f", t / a);
            sb.append("| ").append(e.getKey()).append(" | ").append(fmt(a)).append(" | ").append(fmt(t))
                    .append(" | ").append(ratio).append(" |\n");
        }
        return sb.toString();
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
            double[][] v = new double[2][3];
            for (int i = 0; i < 3; i++) {
                v[0][i] = nz(results.get("ASYNC_FLUSH produce tps, " + groups.get(i) + " threads", Flavor.APACHE));
                v[1][i] = nz(results.get("ASYNC_FLUSH produce tps, " + groups.get(i) + " threads", Flavor.TIDEMQ));
            }
            BarChart.write(dir.resolve("bench-produce-threads.png"), "Produce throughput, 1 KiB, ASYNC_FLUSH",
                    "msg/s", groups, List.of("Apache 4.9.3", "TideMQ"), v);
            charts.add("![produce throughput against threads](bench-produce-threads.png)");
        }
        String rate = "at " + e2eRate + "/s";
        if (results.get("e2e p50 (ms) " + rate, Flavor.TIDEMQ) != null) {
            List<String> groups = List.of("p50", "p99", "p999");
            double[][] v = new double[2][3];
            for (int i = 0; i < 3; i++) {
                v[0][i] = nz(results.get("e2e " + groups.get(i) + " (ms) " + rate, Flavor.APACHE));
                v[1][i] = nz(results.get("e2e " + groups.get(i) + " (ms) " + rate, Flavor.TIDEMQ));
            }
            BarChart.write(dir.resolve("bench-e2e-latency.png"), "End-to-end latency " + rate, "ms", groups,
                    List.of("Apache 4.9.3", "TideMQ"), v);
            charts.add("![end-to-end latency percentiles](bench-e2e-latency.png)");
        }
        String machine = machine();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks: TideMQ beside Apache RocketMQ 4.9.3\n\n");
        md.append("Generated by `bench/compare.sh` on ").append(LocalDateTime.now().withNano(0)).append(".\n\n");
        md.append("## Method\n\n");
        md.append("Both systems run in turn on this machine as child JVMs with the same options (`").append(serverJvm)
                .append("`), the same store settings and topology, and the same workloads from `mqbench` (built on "
                        + "the official rocketmq-client 4.9.3, in its own JVM): produce 1 KiB messages (sync sends) "
                        + "from 1, 4 and 16 threads; drain the topic with a push consumer; send at a fixed rate and "
                        + "measure end-to-end latency at a consumer in the same process. Each workload warms up for ")
                .append(warmup).append(" s and is measured for ").append(duration).append(" s. Boot time is from "
                        + "process start to the `boot success` line; RSS is VmRSS of the broker process; CPU per "
                        + "message is the broker's user+system time during the 16-thread run divided by the messages "
                        + "sent in it. The client, the servers and this tool share the machine's cores, so absolute "
                        + "numbers are noise-prone; ratios from the same run are what to read.\n\n");
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
