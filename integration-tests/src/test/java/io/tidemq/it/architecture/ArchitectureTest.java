package io.tidemq.it.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code base, checked on every build: no dependency cycle between the project's packages, read by
 * jdeps from the compiled classes of every module, and no main source file longer than 500 lines.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("config", "common", "remoting", "store", "filter", "metrics",
            "namesrv", "controller", "broker", "standalone", "tools", "console", "test-fixtures");
    private static final int MAX_LINES = 500;
    private static final Pattern EDGE = Pattern.compile("^\\s*(io\\.tidemq[\\w.]*)\\s+->\\s+(io\\.tidemq[\\w.]*)\\s");

    @Test
    void noPackageCycleBetweenTheProjectsPackages() {
        Map<String, Set<String>> deps = packageDependencies();
        assertThat(deps).as("jdeps found the project's packages").containsKeys("io.tidemq.broker",
                "io.tidemq.broker.processor", "io.tidemq.store", "io.tidemq.remoting.netty");
        assertThat(cycles(deps)).as("package cycles").isEmpty();
    }

    @Test
    void noMainSourceFileIsLongerThan500Lines() throws IOException {
        Map<String, Integer> tooLong = new TreeMap<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : (Iterable<Path>) files.filter(ArchitectureTest::isMainSource)::iterator) {
                checked++;
                int lines = Files.readAllLines(f).size();
                if (lines > MAX_LINES) {
                    tooLong.put(ROOT.relativize(f).toString(), lines);
                }
            }
        }
        assertThat(checked).as("main source files found").isGreaterThan(300);
        assertThat(tooLong).as("main source files over " + MAX_LINES + " lines").isEmpty();
    }

    private static boolean isMainSource(Path f) {
        String s = ROOT.relativize(f).toString().replace('\\', '/');
        return (s.endsWith(".java") || s.endsWith(".js")) && s.contains("/src/main/") && !s.contains("/target/")
                && !s.startsWith(".");
    }

    /** Package to the project packages it uses, from {@code jdeps -verbose:package} over every module's classes. */
    private static Map<String, Set<String>> packageDependencies() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() ->
                new AssertionError("jdeps is not available in this JDK"));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none"));
        for (String m : MODULES) {
            Path classes = ROOT.resolve(m).resolve("target").resolve("classes");
            assertThat(classes).as("compiled classes of " + m).isDirectory();
            args.add(classes.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(rc).as("jdeps exit code; " + err).isZero();
        Map<String, Set<String>> deps = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                deps.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                if (!m.group(1).equals(m.group(2))) {
                    deps.get(m.group(1)).add(m.group(2));
                }
            }
        }
        return deps;
    }

    /** Strongly connected components with more than one package (Tarjan), each as its sorted member list. */
    static List<List<String>> cycles(Map<String, Set<String>> deps) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        for (String v : deps.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, deps, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> deps, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : deps.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, deps, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                out.add(component);
            }
        }
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> deps = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertThat(cycles(deps)).containsExactly(List.of("a", "b", "c"));
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }
}
