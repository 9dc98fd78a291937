package io.tidemq.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Apache RocketMQ 4.9.3 broker in a child JVM, bound to 127.0.0.1 on a free port triple (listenPort-2,
 * listenPort, listenPort+1), its store, logs and home under the given folder:
 *
 * <pre>{@code
 * try (ApacheBroker broker = ApacheBroker.start(dir, namesrv.address(), Map.of("brokerName", "broker-a"))) {
 *     broker.address();   // "127.0.0.1:<listenPort>"
 *     broker.stop();      // SIGTERM: unregisters from the NameServers, like mqshutdown broker
 * }
 * }</pre>
 *
 * Defaults: cluster DefaultCluster, brokerName apache-broker, brokerId 0, ASYNC_MASTER, ASYNC_FLUSH,
 * autoCreateTopicEnable=true, 16 MB commit-log files; any property can be overridden. Boot waits for the
 * "boot success" line (about 2-3 s).
 */
public final class ApacheBroker implements AutoCloseable {
    private static final String MAIN = "org.apache.rocketmq.broker.BrokerStartup";
    /**
     * JVM options for functional tests: small heap, one GC thread, C1 only (boots fast, costs little CPU).
     * Benchmarks should pass their own (e.g. without {@code -XX:TieredStopAtLevel=1}).
     */
    public static final String TEST_JVM_OPTIONS =
            "-Xms128m -Xmx256m -XX:MaxDirectMemorySize=256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final ChildProcess process;
    private final Map<String, String> props;

    private ApacheBroker(ChildProcess process, Map<String, String> props) {
        this.process = process;
        this.props = props;
    }

    /**
     * Starts a broker registering with {@code namesrvAddr} ({@code "a;b"} for several; may be null) and waits for it
     * to boot. {@code overrides} replace or add broker properties; an empty value leaves that key out of the file
     * (Apache then uses its own default).
     */
    public static ApacheBroker start(Path dir, String namesrvAddr, Map<String, String> overrides) {
        return start(dir, namesrvAddr, overrides, TEST_JVM_OPTIONS);
    }

    /** As {@link #start(Path, String, Map)} with the given JVM options (space-separated). */
    public static ApacheBroker start(Path dir, String namesrvAddr, Map<String, String> overrides,
                                     String jvmOptions) {
        int port = Ports.freeBrokerPort("127.0.0.1");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("brokerClusterName", "DefaultCluster");
        props.put("brokerName", "apache-broker");
        props.put("brokerId", "0");
        props.put("brokerRole", "ASYNC_MASTER");
        props.put("flushDiskType", "ASYNC_FLUSH");
        props.put("brokerIP1", "127.0.0.1");
        props.put("brokerIP2", "127.0.0.1");
        props.put("listenPort", Integer.toString(port));
        props.put("storePathRootDir", dir.resolve("store").toAbsolutePath().toString());
        props.put("storePathCommitLog", dir.resolve("store/commitlog").toAbsolutePath().toString());
        props.put("mappedFileSizeCommitLog", Integer.toString(16 * 1024 * 1024));
        props.put("autoCreateTopicEnable", "true");
        if (namesrvAddr != null) {
            props.put("namesrvAddr", namesrvAddr);
        }
        props.putAll(overrides);
        props.values().removeIf(String::isEmpty); // an empty override leaves the key out of the file
        Path conf = ApachePeer.writeProperties(dir.resolve("broker.properties"), props);

        List<String> cmd = new ArrayList<>(ApachePeer.javaCommand(dir, jvmOptions, MAIN));
        cmd.addAll(List.of("-c", conf.toString()));
        ChildProcess process = ChildProcess.start("apache-broker " + props.get("brokerName"), cmd, dir,
                Map.of("ROCKETMQ_HOME", dir.resolve("home").toAbsolutePath().toString()), dir.resolve("stdout.log"));
        try {
            process.awaitOutput("boot success", Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
        return new ApacheBroker(process, props);
    }

    /** {@code 127.0.0.1:<listenPort>}, the address the broker registers and clients use. */
    public String address() {
        return props.get("brokerIP1") + ":" + props.get("listenPort");
    }

    public String brokerName() {
        return props.get("brokerName");
    }

    public String clusterName() {
        return props.get("brokerClusterName");
    }

    public int listenPort() {
        return Integer.parseInt(props.get("listenPort"));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the broker printed on stdout/stderr. */
    public String output() {
        return process.output();
    }

    /** Graceful stop (SIGTERM, SIGKILL after 30 s): the broker unregisters from its NameServers. */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** SIGKILL: no unregistration; the NameServer only sees the connection drop. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        stop();
    }
}
