package io.tidemq.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the inputs every fuzz target ran and, when the test JVM exits, appends one line per target to
 * {@code target/fuzz-cases.tsv}: the case counts the reliability page reports come from there, not from libFuzzer's
 * console output (which Surefire does not keep).
 */
public final class FuzzCases {
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final long STARTED = System.nanoTime();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FuzzCases::write, "fuzz-cases"));
    }

    private FuzzCases() {
    }

    /** Records one input of {@code target}. */
    public static void ran(String target) {
        COUNTS.computeIfAbsent(target, t -> new LongAdder()).increment();
    }

    private static void write() {
        String mode = "1".equals(System.getenv("JAZZER_FUZZ")) ? "fuzzing" : "regression";
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(COUNTS).forEach((target, n) -> sb.append(target).append('\t').append(mode).append('\t')
                .append(n.sum()).append('\t').append(seconds).append('\n'));
        try {
            Files.writeString(Path.of("target", "fuzz-cases.tsv"), sb, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write fuzz case counts: " + e);
        }
    }
}
