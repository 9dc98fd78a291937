package io.tidemq.tools.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start the NameServer and broker of one system: TideMQ, Apache RocketMQ 4.9.3, or Apache RocketMQ 5.3.1.
 * 5.3.1's NameServer is not on Maven Central, so its brokers register with 4.9.3's NameServer (the 4.9.3 client
 * cannot tell: the route protocol is the same).
 */
enum Flavor {
    TIDEMQ("io.tidemq.namesrv.NamesrvStartup", "io.tidemq.broker.BrokerStartup"),
    APACHE("org.apache.rocketmq.namesrv.NamesrvStartup", "org.apache.rocketmq.broker.BrokerStartup"),
    APACHE5("org.apache.rocketmq.namesrv.NamesrvStartup", "org.apache.rocketmq.broker.BrokerStartup");

    /** Class path of Apache 4.9.3, whose NameServer 5.3.1's brokers register with; set once at start-up. */
    private static volatile String apache49Classpath;

    private static final List<String> APACHE_OPENS = List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens",
            "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED");

    private final String namesrvMain;
    private final String brokerMain;

    Flavor(String namesrvMain, String brokerMain) {
        this.namesrvMain = namesrvMain;
        this.brokerMain = brokerMain;
    }

    static void setApache49Classpath(String classpath) {
        apache49Classpath = classpath;
    }

    String label() {
        return switch (this) {
            case TIDEMQ -> "TideMQ";
            case APACHE -> "Apache 4.9.3";
            case APACHE5 -> "Apache 5.3.1";
        };
    }

    /** @param classpath the system's own class path (for 5.3.1, its broker's; the NameServer is 4.9.3's) */
    List<String> namesrvCommand(String classpath, String jvm, Path dir, int port) throws IOException {
        Path conf = dir.resolve("namesrv.properties");
        Files.writeString(conf, "listenPort=" + port + "\nkvConfigPath=" + dir.resolve("kvConfig.json") + "\n");
        String cp = this == APACHE5 ? java.util.Objects.requireNonNull(apache49Classpath, "4.9.3 class path")
                : classpath;
        return command(cp, jvm, dir, namesrvMain, List.of("-c", conf.toString()));
    }

    List<String> brokerCommand(String classpath, String jvm, Path dir, Map<String, String> props) throws IOException {
        StringBuilder sb = new StringBuilder();
        props.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Path conf = dir.resolve("broker.properties");
        Files.writeString(conf, sb.toString());
        return command(classpath, jvm, dir, brokerMain, List.of("-c", conf.toString()));
    }

    private List<String> command(String classpath, String jvm, Path dir, String main, List<String> args)
            throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("conf"));
        if (this != TIDEMQ) {
            for (String f : List.of("logback_namesrv.xml", "logback_broker.xml")) {
                Files.writeString(home.resolve("conf").resolve(f), logback(dir.resolve("logs"), f));
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : jvm.trim().split("\\s+")) {
            cmd.add(o);
        }
        if (this != TIDEMQ) {
            cmd.addAll(APACHE_OPENS);
        } else {
            cmd.addAll(classDataSharing(classpath));
        }
        cmd.add("-Duser.home=" + dir.toAbsolutePath());
        cmd.add("-Drocketmq.home.dir=" + home.toAbsolutePath());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * TideMQ's start scripts use the class-data-sharing archive its build writes next to the jars (lib/tidemq.jsa);
     * start it the same way. Apache's scripts have no such archive.
     */
    private static List<String> classDataSharing(String classpath) {
        String first = classpath.split(java.io.File.pathSeparator)[0];
        if (!first.endsWith("/*")) {
            return List.of();
        }
        Path archive = Path.of(first.substring(0, first.length() - 2), "tidemq.jsa");
        return Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
                : List.of();
    }

    /**
     * Apache's logging: its start scripts read logback files of its distribution, which Maven Central does not
     * serve, so it logs into one plain file. TideMQ logs as installed (its servers' bundled configuration, the same
     * as the distribution's conf/logback_*.xml), under {@code user.home}.
     */
    private static String logback(Path logs, String name) {
        String file = logs.resolve(name.replace("logback_", "").replace(".xml", ".log")).toAbsolutePath().toString();
        return "<configuration>\n  <appender name=\"F\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + file + "</file>\n    <encoder><pattern>%d %-5level %logger{20} - %msg%n</pattern>"
                + "</encoder>\n  </appender>\n  <root level=\"INFO\"><appender-ref ref=\"F\"/></root>\n"
                + "</configuration>\n";
    }
}
