package io.tidemq.tools.compare;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs mqbench in its own JVM (the TideMQ class path carries the tool) and returns its RESULT values. */
final class MqBenchRunner {
    private final String classpath;
    private final Path work;
    private final List<String> notes;

    MqBenchRunner(String classpath, Path work, List<String> notes) {
        this.classpath = classpath;
        this.work = work;
        this.notes = notes;
    }

    /** {@code args[0]} is the mode; the NameServer address goes right after it. */
    Map<String, Double> run(String namesrv, String... args) throws Exception {
        return run(namesrv, "-Xmx512m", line -> { }, args);
    }

    /**
     * As {@link #run(String, String...)}, with the client's maximum heap ({@code -Xmx...}) and a callback that sees
     * every output line as soon as it is printed (e.g. to sample the broker at a marker line).
     */
    Map<String, Double> run(String namesrv, String xmx, Consumer<String> onLine, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", xmx, "-Drocketmq.client.logRoot=" + work.resolve("client-logs").toAbsolutePath(),
                "-cp", classpath, "io.tidemq.tools.bench.MqBench"));
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
                onLine.accept(line);
                if (line.startsWith("RESULT ")) {
                    result = line;
                    System.out.println("   " + line);
                } else if (line.startsWith("[")) {
                    System.out.println("   " + line);
                }
            }
        } finally {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        }
        if (result == null) {
            notes.add("mqbench " + String.join(" ", args) + " printed no RESULT line");
            return Map.of();
        }
        return Results.parseResultLine(result);
    }
}
