package io.tidemq.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Our NameServer in a JVM of its own on {@code host:port} (so a test can freeze it with SIGSTOP, which a NameServer
 * inside the test JVM cannot be), started as {@code NamesrvStartup -c <file>}.
 */
public final class TideNamesrvProcess implements AutoCloseable {
    private final String host;
    private final int port;
    private final ChildProcess process;

    private TideNamesrvProcess(String host, int port, ChildProcess process) {
        this.host = host;
        this.port = port;
        this.process = process;
    }

    /** Starts one and waits for its boot line. */
    public static TideNamesrvProcess start(String host, Path dir) throws IOException {
        return start(host, dir, Map.of());
    }

    /** Starts one on {@code clock} instead of the machine's wall clock. */
    public static TideNamesrvProcess start(String host, Path dir, SteppableClock clock) throws IOException {
        return start(host, dir, clock.environment());
    }

    private static TideNamesrvProcess start(String host, Path dir, Map<String, String> env) throws IOException {
        int port = Ports.free(host);
        Files.createDirectories(dir);
        Path conf = dir.resolve("namesrv.properties");
        // metrics off: by default they take listenPort + 1, which only listenPort was checked to be free for
        Files.writeString(conf, "listenPort=" + port + "\nbindAddress=" + host + "\nmetricsPort=0\nkvConfigPath="
                + dir.resolve("kvConfig.json") + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildProcess p = ChildProcess.start("namesrv-" + port, List.of(java, "-Xms32m", "-Xmx128m",
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.home=" + dir, "-cp",
                        System.getProperty("java.class.path"), "io.tidemq.namesrv.NamesrvStartup", "-c", conf.toString()),
                dir, env, dir.resolve("namesrv.out"));
        p.awaitOutput("boot success", Duration.ofSeconds(30));
        return new TideNamesrvProcess(host, port, p);
    }

    public String address() {
        return host + ":" + port;
    }

    /** SIGSTOP: the process stops answering while its connections stay open. */
    public void freeze() throws IOException {
        Commands.run(List.of("kill", "-STOP", String.valueOf(process.pid())));
    }

    /** SIGCONT. */
    public void thaw() throws IOException {
        Commands.run(List.of("kill", "-CONT", String.valueOf(process.pid())));
    }

    @Override
    public void close() {
        try {
            thaw();
        } catch (IOException ignored) {
            // already gone
        }
        process.stop(Duration.ofSeconds(5));
    }
}
