package io.tidemq.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Our broker as a child JVM ({@code BrokerStartup} with a properties file), for tests that kill it with SIGKILL and
 * restart it on the same store. Uses the test class path; logs and home under the store's parent directory.
 */
public final class TideBrokerProcess implements AutoCloseable {
    private final Path confFile;
    private final List<String> arguments = new ArrayList<>();
    /** What the JVM is started through (e.g. ip netns exec NS); empty: directly. */
    private final List<String> launcher = new ArrayList<>();
    private final Map<String, String> environment = new java.util.HashMap<>();
    private Path home;
    private final String host;
    private final int port;
    private Process process;
    private final List<String> output = new ArrayList<>();

    public TideBrokerProcess(String host, String namesrvAddr, Path dir, Map<String, String> settings)
            throws IOException {
        this(host, Ports.freeBrokerPort(host), namesrvAddr, dir, settings);
    }

    /**
     * A broker in network namespace {@code netns} (created by the test), on {@code host:port} there: the JVM is
     * started with {@code ip netns exec}, so its pid is the broker's own.
     */
    public static TideBrokerProcess inNamespace(String netns, String host, int port, String namesrvAddr, Path dir,
                                                Map<String, String> settings) throws IOException {
        TideBrokerProcess p = new TideBrokerProcess(host, port, namesrvAddr, dir, settings);
        p.launcher.addAll(List.of("ip", "netns", "exec", netns));
        return p;
    }

    private TideBrokerProcess(String host, int port, String namesrvAddr, Path dir, Map<String, String> settings)
            throws IOException {
        this.host = host;
        this.port = port;
        this.home = dir.resolve("home");
        Files.createDirectories(home);
        StringBuilder conf = new StringBuilder();
        conf.append("brokerIP1=").append(host).append('\n');
        conf.append("brokerIP2=").append(host).append('\n');
        conf.append("bindAddress=").append(host).append('\n');
        conf.append("listenPort=").append(port).append('\n');
        conf.append("namesrvAddr=").append(namesrvAddr).append('\n');
        conf.append("storePathRootDir=").append(dir.resolve("store")).append('\n');
        conf.append("mappedFileSizeCommitLog=").append(8 * 1024 * 1024).append('\n');
        conf.append("mappedFileSizeConsumeQueue=").append(20 * 20_000).append('\n');
        conf.append("maxHashSlotNum=10000\nmaxIndexNum=40000\n");
        settings.forEach((k, v) -> conf.append(k).append('=').append(v).append('\n'));
        confFile = dir.resolve("broker.properties");
        Files.writeString(confFile, conf.toString());
    }

    /**
     * A broker started the way the user's guide does it: {@code mqbroker -c <shipped conf file> key=value...}, the
     * trailing arguments placing it on this machine (address, ports, store).
     */
    public static TideBrokerProcess withConfFile(String host, String namesrvAddr, Path dir, Path shippedConf,
                                                 Map<String, String> overrides) throws IOException {
        TideBrokerProcess p = new TideBrokerProcess(host, namesrvAddr, dir, overrides);
        p.arguments.add("-c");
        p.arguments.add(shippedConf.toString());
        p.arguments.add("-n");
        p.arguments.add(namesrvAddr);
        for (String line : Files.readAllLines(p.confFile)) {
            if (!line.isBlank()) {
                p.arguments.add(line.trim());
            }
        }
        return p;
    }

    /**
     * {@code mqbroker -c <file> -n <namesrv> key=value...} where the arguments only place the broker on this machine
     * (addresses, port, store folder) and add {@code overrides}: every other setting is the file's own, file sizes
     * included.
     */
    public static TideBrokerProcess placedOnly(String host, String namesrvAddr, Path dir, Path file,
                                               Map<String, String> overrides) throws IOException {
        TideBrokerProcess p = new TideBrokerProcess(host, namesrvAddr, dir, Map.of());
        p.arguments.addAll(List.of("-c", file.toString(), "-n", namesrvAddr, "brokerIP1=" + host,
                "brokerIP2=" + host, "bindAddress=" + host, "listenPort=" + p.port,
                "storePathRootDir=" + dir.resolve("store"), "storePathCommitLog=" + dir.resolve("store/commitlog")));
        overrides.forEach((k, v) -> p.arguments.add(k + "=" + v));
        return p;
    }

    /** Runs the broker on {@code clock} instead of the machine's wall clock (takes effect at {@link #start}). */
    public TideBrokerProcess onClock(SteppableClock clock) {
        environment.putAll(clock.environment());
        return this;
    }

    /** Runs the broker with this user.home (where Apache-style defaults such as ~/store point). */
    public TideBrokerProcess userHome(Path userHome) {
        this.home = userHome;
        return this;
    }

    /** Starts the JVM and waits for its boot line. */
    public TideBrokerProcess start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
                "io.tidemq.broker.BrokerStartup"));
        if (arguments.isEmpty()) {
            cmd.add("-c");
            cmd.add(confFile.toString());
        } else {
            cmd.addAll(arguments);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("ROCKETMQ_HOME");
        pb.environment().putAll(environment);
        process = pb.start();
        CountDownLatch booted = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("boot success")) {
                        booted.countDown();
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "broker-output-" + port);
        reader.setDaemon(true);
        reader.start();
        if (!booted.await(30, TimeUnit.SECONDS)) {
            kill();
            throw new IllegalStateException("broker did not boot: " + output());
        }
        return this;
    }

    /** The broker's log (the bundled logback configuration, under this broker's own user.home). */
    public Path brokerLog() {
        return home.resolve("logs/rocketmqlogs/broker.log");
    }

    /** Prints the last {@code lines} lines of the broker's log and output, for a failing test's report. */
    public void printLogTail(int lines) {
        try {
            List<String> log = Files.exists(brokerLog()) ? Files.readAllLines(brokerLog()) : List.of();
            System.out.println("--- " + address() + " broker.log (last " + lines + " lines), alive: " + isAlive());
            log.subList(Math.max(0, log.size() - lines), log.size()).forEach(System.out::println);
            System.out.println("--- output\n" + output());
        } catch (IOException e) {
            System.out.println("--- broker log unreadable: " + e);
        }
    }

    public String address() {
        return host + ":" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Whether the broker's JVM is running. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGSTOP: the broker freezes with its connections open (nothing it sends or answers until {@link #thaw}). */
    public void freeze() throws java.io.IOException {
        Commands.run(List.of("kill", "-STOP", Long.toString(process.pid())));
    }

    /** SIGCONT after {@link #freeze}. */
    public void thaw() throws java.io.IOException {
        Commands.run(List.of("kill", "-CONT", Long.toString(process.pid())));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed beyond what the flush mode already did. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM and wait: the broker's clean shutdown. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
