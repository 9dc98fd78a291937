package io.tidemq.it.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private network for fault tests, made with {@code ip} and removed by {@link #close()}: a bridge in a namespace of
 * its own, one namespace per node joined to it by a veth pair, and one veth pair giving the test JVM an address on
 * it (10.77.N.1/24, no default route anywhere). Faults are the link of a node's bridge port going down and up, or
 * two nodes apart while both still reach everyone else ({@link #split}).
 * Needs root and iproute2; {@link #available()} says whether both are there.
 */
public final class NetworkLab implements AutoCloseable {
    /** A locally administered link-layer address no interface here has. */
    private static final String NOWHERE = "02:00:5e:00:de:ad";
    private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final int subnet = ThreadLocalRandom.current().nextInt(10, 250);
    private final String bridgeNs = "tmqbr" + id;
    private final List<String> nodes = new ArrayList<>();
    private boolean hostLinked;

    public NetworkLab() throws IOException {
        ip("netns", "add", bridgeNs);
        inNs(bridgeNs, "ip", "link", "set", "lo", "up");
        inNs(bridgeNs, "ip", "link", "add", "br0", "type", "bridge");
        inNs(bridgeNs, "ip", "link", "set", "br0", "up");
        // the test JVM's own address on the bridge
        ip("link", "add", "tmqh" + id, "type", "veth", "peer", "name", "tmqhb" + id);
        hostLinked = true;
        ip("link", "set", "tmqhb" + id, "netns", bridgeNs);
        inNs(bridgeNs, "ip", "link", "set", "tmqhb" + id, "master", "br0", "up");
        ip("addr", "add", hostAddress() + "/24", "dev", "tmqh" + id);
        ip("link", "set", "tmqh" + id, "up");
    }

    /** True when this machine lets a test make network namespaces. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0
                    && "root".equals(System.getProperty("user.name"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The test JVM's address on the lab network. */
    public String hostAddress() {
        return "10.77." + subnet + ".1";
    }

    /** Adds node {@code n} (2..250): a namespace with address 10.77.S.n. Returns the namespace's name. */
    public String addNode(int n) throws IOException {
        String ns = node(n);
        String veth = veth(n);
        String port = "tmq" + id + "p" + n;
        ip("netns", "add", ns);
        nodes.add(ns);
        inNs(ns, "ip", "link", "set", "lo", "up");
        ip("link", "add", veth, "type", "veth", "peer", "name", port);
        ip("link", "set", veth, "netns", ns);
        ip("link", "set", port, "netns", bridgeNs);
        inNs(bridgeNs, "ip", "link", "set", port, "master", "br0", "up");
        inNs(ns, "ip", "addr", "add", address(n) + "/24", "dev", veth);
        inNs(ns, "ip", "link", "set", veth, "up");
        return ns;
    }

    public String address(int n) {
        return "10.77." + subnet + "." + n;
    }

    /** Cuts node {@code n} off from everyone (its bridge port goes down): no packet in or out, no reset. */
    public void cut(int n) throws IOException {
        inNs(bridgeNs, "ip", "link", "set", "tmq" + id + "p" + n, "down");
    }

    public void heal(int n) throws IOException {
        inNs(bridgeNs, "ip", "link", "set", "tmq" + id + "p" + n, "up");
    }

    /**
     * Nodes {@code a} and {@code b} stop hearing each other, silently, while both reach every other address: each
     * resolves the other's address to a link-layer address no one has, so their frames are dropped in the network
     * (this kernel has no netfilter or tc actions to drop them with; no local error, no reset).
     */
    public void split(int a, int b) throws IOException {
        inNs(node(a), "ip", "neigh", "replace", address(b), "lladdr", NOWHERE, "nud", "permanent", "dev", veth(a));
        inNs(node(b), "ip", "neigh", "replace", address(a), "lladdr", NOWHERE, "nud", "permanent", "dev", veth(b));
    }

    /** Undoes {@link #split}: the two nodes resolve each other again. */
    public void join(int a, int b) throws IOException {
        inNs(node(a), "ip", "neigh", "del", address(b), "dev", veth(a));
        inNs(node(b), "ip", "neigh", "del", address(a), "dev", veth(b));
    }

    private String node(int n) {
        return "tmq" + id + "n" + n;
    }

    private String veth(int n) {
        return "tmq" + id + "v" + n;
    }

    @Override
    public void close() {
        for (String ns : nodes) {
            quietly("netns", "delete", ns);
        }
        quietly("netns", "delete", bridgeNs);
        if (hostLinked) {
            quietly("link", "delete", "tmqh" + id);
        }
    }

    private static void quietly(String... args) {
        try {
            ip(args);
        } catch (IOException e) {
            // best effort: the namespace or link may already be gone
        }
    }

    private static void inNs(String ns, String... cmd) throws IOException {
        List<String> all = new ArrayList<>(List.of("netns", "exec", ns));
        all.addAll(List.of(cmd));
        ip(all.toArray(new String[0]));
    }

    private static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Commands.run(cmd);
    }
}
