package io.tidemq.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How to run the real Apache RocketMQ 4.9.3 in a child JVM: its class path (resolved by the {@code apache-peer}
 * module with Apache's own dependency versions, see apache-peer/pom.xml), a throw-away installation folder with
 * small logback files, and the JVM flags it needs on Java 17 (apache-reference.md).
 */
public final class ApachePeer {
    /** System property naming the class-path file; set by integration-tests/pom.xml. */
    public static final String CLASSPATH_FILE_PROPERTY = "tidemq.apache.classpath.file";
    private static final String DEFAULT_CLASSPATH_FILE = "../apache-peer/target/apache-rocketmq-4.9.3.classpath";

    /** Needed by the 4.9.3 store on Java 17 (MappedFile.clean); harmless for the NameServer. */
    public static final List<String> ADD_OPENS = List.of(
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED");

    private ApachePeer() {
    }

    /** The Apache class path (one line, path-separator separated). */
    public static String classpath() {
        Path file = Path.of(System.getProperty(CLASSPATH_FILE_PROPERTY, DEFAULT_CLASSPATH_FILE));
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("Apache RocketMQ class path file " + file.toAbsolutePath()
                    + " is missing: build the apache-peer module first (mvn -pl apache-peer generate-resources)", e);
        }
    }

    /**
     * The command line of an Apache JVM: java, {@code jvmOptions} (space-separated: heap, GC, ...),
     * {@link #ADD_OPENS}, user.home and rocketmq.home.dir pointing into {@code dir}, the Apache class path, then
     * the main class. Creates {@code dir/home/conf/logback_*.xml}.
     */
    public static List<String> javaCommand(Path dir, String jvmOptions, String mainClass) {
        Path home = installationFolder(dir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String opt : jvmOptions.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                cmd.add(opt);
            }
        }
        cmd.addAll(ADD_OPENS);
        cmd.add("-Duser.home=" + dir.toAbsolutePath());
        cmd.add("-Drocketmq.home.dir=" + home);
        cmd.add("-Drocketmq.client.logRoot=" + dir.resolve("logs").toAbsolutePath());
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass);
        return cmd;
    }

    /** Writes {@code props} as a properties file. */
    public static Path writeProperties(Path file, Map<String, String> props) {
        Properties p = new Properties();
        p.putAll(props);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (var out = Files.newOutputStream(file)) {
                p.store(out, "written by the test");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path installationFolder(Path dir) {
        Path conf = dir.toAbsolutePath().resolve("home/conf");
        try {
            Files.createDirectories(conf);
            for (String server : List.of("broker", "namesrv", "tools")) {
                Files.writeString(conf.resolve("logback_" + server + ".xml"), logback(server));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf.getParent();
    }

    private static String logback(String server) {
        return """
                <configuration>
                    <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                        <file>${user.home}/logs/rocketmqlogs/%s.log</file>
                        <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger{20} - %%msg%%n</pattern></encoder>
                    </appender>
                    <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(server);
    }
}
