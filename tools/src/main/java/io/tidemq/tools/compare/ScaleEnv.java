package io.tidemq.tools.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What every scale run shares: class paths, server JVM options, scratch folder, the results and notes. */
final class ScaleEnv {
    final String tidemqClasspath;
    final String apacheClasspath;
    final String serverJvm;
    final Path work;
    final Results results;
    final List<String> notes;
    final MqBenchRunner bench;
    final int duration;
    final int warmup;

    ScaleEnv(String tidemqClasspath, String apacheClasspath, String serverJvm, Path work, Results results,
             List<String> notes, MqBenchRunner bench, int duration, int warmup) {
        this.tidemqClasspath = tidemqClasspath;
        this.apacheClasspath = apacheClasspath;
        this.serverJvm = serverJvm;
        this.work = work;
        this.results = results;
        this.notes = notes;
        this.bench = bench;
        this.duration = duration;
        this.warmup = warmup;
    }

    String classpath(Flavor flavor) {
        return flavor == Flavor.TIDEMQ ? tidemqClasspath : apacheClasspath;
    }

    /** An empty folder {@code <work>/scale-<name>-<flavor>}. */
    Path freshDir(String name, Flavor flavor) throws Exception {
        Path dir = work.resolve("scale-" + name + "-" + flavor.name().toLowerCase(Locale.ROOT));
        deleteRecursively(dir);
        Files.createDirectories(dir);
        return dir;
    }

    /** Deletes every {@code store} folder below {@code dir} (the logs stay). */
    static void deleteStores(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> stores;
        try (var walk = Files.walk(dir, 3)) {
            stores = walk.filter(p -> p.getFileName().toString().equals("store") && Files.isDirectory(p)).toList();
        }
        for (Path s : stores) {
            deleteRecursively(s);
        }
    }

    static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** "10,000" */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
