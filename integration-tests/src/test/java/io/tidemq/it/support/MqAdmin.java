package io.tidemq.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The official {@code mqadmin} command (rocketmq-tools 4.9.3's MQAdminStartup) in a child JVM, as an operator runs
 * it: it configures logging for its whole JVM, so it does not run inside the test's.
 */
public final class MqAdmin {
    private MqAdmin() {
    }

    /** System property naming Apache 5.3.1's mqadmin class-path file; set by integration-tests/pom.xml. */
    public static final String TOOLS5_CLASSPATH_FILE_PROPERTY = "tidemq.apache5.tools.classpath.file";

    /** Runs {@code mqadmin <args>} with {@code dir} as its home and scratch folder; returns what it printed. */
    public static String run(Path dir, String... args) {
        return run(System.getProperty("java.class.path"), dir, args);
    }

    /**
     * Runs Apache RocketMQ 5.3.1's {@code mqadmin <args>} (its class path resolved by the apache-tools-5 module), as
     * an operator of RocketMQ 5's controller mode would against ours.
     */
    public static String run5(Path dir, String... args) {
        Path file = Path.of(System.getProperty(TOOLS5_CLASSPATH_FILE_PROPERTY,
                "../apache-tools-5/target/apache-rocketmq-tools-5.3.1.classpath"));
        try {
            return run(Files.readString(file).trim(), dir, args);
        } catch (IOException e) {
            throw new IllegalStateException("mqadmin 5.3.1 class path file " + file.toAbsolutePath()
                    + " is missing: build the apache-tools-5 module first", e);
        }
    }

    private static String run(String classpath, Path dir, String... args) {
        try {
            Path home = dir.resolve("mqadmin-home");
            Files.createDirectories(home.resolve("conf"));
            Files.writeString(home.resolve("conf/logback_tools.xml"),
                    "<configuration><root level=\"WARN\"/></configuration>");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + home,
                    "-Drocketmq.home.dir=" + home, "-cp", classpath,
                    "org.apache.rocketmq.tools.command.MQAdminStartup"));
            cmd.addAll(List.of(args));
            ChildProcess p = ChildProcess.start("mqadmin " + args[0], cmd, dir, Map.of(),
                    dir.resolve("mqadmin-" + args[0] + "-" + System.nanoTime() + ".out"));
            p.waitFor(Duration.ofSeconds(60));
            return p.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
