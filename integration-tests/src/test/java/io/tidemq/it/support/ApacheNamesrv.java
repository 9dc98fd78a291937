package io.tidemq.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Apache RocketMQ 4.9.3 NameServer in a child JVM on a free 127.0.0.1 port, for side-by-side comparisons:
 *
 * <pre>{@code
 * try (ApacheNamesrv ns = ApacheNamesrv.start(dir)) {
 *     ns.address();   // "127.0.0.1:<port>"
 * }
 * }</pre>
 */
public final class ApacheNamesrv implements AutoCloseable {
    private static final String MAIN = "org.apache.rocketmq.namesrv.NamesrvStartup";
    /** Small heap, serial GC, C1 only: enough for a NameServer in tests. */
    public static final String TEST_JVM_OPTIONS = "-Xms64m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final ChildProcess process;
    private final int port;

    private ApacheNamesrv(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a NameServer and waits for its boot line; {@code overrides} add or replace NameServer properties. */
    public static ApacheNamesrv start(Path dir, Map<String, String> overrides) {
        int port = Ports.free("127.0.0.1");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("listenPort", Integer.toString(port));
        props.put("kvConfigPath", dir.resolve("namesrv/kvConfig.json").toAbsolutePath().toString());
        props.putAll(overrides);
        Path conf = ApachePeer.writeProperties(dir.resolve("namesrv.properties"), props);
        List<String> cmd = new ArrayList<>(ApachePeer.javaCommand(dir, TEST_JVM_OPTIONS, MAIN));
        cmd.addAll(List.of("-c", conf.toString()));
        ChildProcess process = ChildProcess.start("apache-namesrv", cmd, dir,
                Map.of("ROCKETMQ_HOME", dir.resolve("home").toAbsolutePath().toString()), dir.resolve("stdout.log"));
        try {
            process.awaitOutput("The Name Server boot success", Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
        return new ApacheNamesrv(process, port);
    }

    public static ApacheNamesrv start(Path dir) {
        return start(dir, Map.of());
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        stop();
    }
}
