package io.tidemq.it.failover;

import io.tidemq.it.support.ChildProcess;
import io.tidemq.it.support.Ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Controllers in child JVMs (bin/mqcontroller's main class), each on its own loopback address. */
final class ControllerFixture implements AutoCloseable {
    private final List<ChildProcess> processes = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private final List<List<String>> commands = new ArrayList<>();
    private final Path dir;

    /** Port of a controller in a network namespace of its own (Raft on the next one): nothing else listens there. */
    private static final int NAMESPACE_PORT = 30900;

    /** {@code hosts.length} controllers forming one Raft group. */
    ControllerFixture(Path dir, String... hosts) {
        this(dir, List.of(hosts), null);
    }

    /** Controller i on {@code hosts[i]} inside network namespace {@code namespaces[i]} (made by the test). */
    static ControllerFixture inNamespaces(Path dir, List<String> namespaces, List<String> hosts) {
        return new ControllerFixture(dir, hosts, namespaces);
    }

    private ControllerFixture(Path dir, List<String> hosts, List<String> namespaces) {
        this.dir = dir;
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++) {
            int port = namespaces == null ? Ports.freeBrokerPort(hosts.get(i)) : NAMESPACE_PORT;
            addresses.add(hosts.get(i) + ":" + port);
            peers.append(i == 0 ? "" : ";").append('n').append(i).append('-').append(hosts.get(i)).append(':')
                    .append(port);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < hosts.size(); i++) {
            List<String> cmd = new ArrayList<>();
            if (namespaces != null) {
                cmd.addAll(List.of("ip", "netns", "exec", namespaces.get(i)));
            }
            cmd.addAll(List.of(java, "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Duser.home=" + dir.resolve("home-n" + i), "-cp", System.getProperty("java.class.path"),
                    "io.tidemq.controller.ControllerStartup", "controllerDLegerPeers=" + peers,
                    "controllerDLegerSelfId=n" + i, "controllerStorePath=" + dir.resolve("raft-n" + i)));
            commands.add(cmd);
            processes.add(null);
        }
    }

    ControllerFixture start() {
        for (int i = 0; i < commands.size(); i++) {
            start(i);
        }
        return this;
    }

    void start(int i) {
        ChildProcess p = ChildProcess.start("controller-n" + i, commands.get(i), dir.resolve("work-n" + i), Map.of(),
                dir.resolve("controller-n" + i + ".out"));
        processes.set(i, p);
        p.awaitOutput("boot success", Duration.ofSeconds(30));
    }

    void kill(int i) {
        processes.get(i).kill();
    }

    /** The brokers' controllerAddr. */
    String controllerAddr() {
        return String.join(";", addresses);
    }

    List<String> addresses() {
        return addresses;
    }

    @Override
    public void close() {
        for (ChildProcess p : processes) {
            if (p != null) {
                p.close();
            }
        }
    }
}
