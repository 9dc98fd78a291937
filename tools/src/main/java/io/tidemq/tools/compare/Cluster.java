package io.tidemq.tools.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One NameServer and a master (plus a slave when the topology has one) of one system, as child JVMs. */
final class Cluster implements AutoCloseable {
    final ServerProcess namesrv;
    final ServerProcess master;
    final ServerProcess slave;
    final String namesrvAddr;

    private Cluster(ServerProcess namesrv, ServerProcess master, ServerProcess slave, String namesrvAddr) {
        this.namesrv = namesrv;
        this.master = master;
        this.slave = slave;
        this.namesrvAddr = namesrvAddr;
    }

    static Cluster start(Flavor flavor, Topology topology, String classpath, String jvm, Path dir, int basePort)
            throws Exception {
        Files.createDirectories(dir);
        int nsPort = basePort;
        Path nsDir = dir.resolve("namesrv");
        Files.createDirectories(nsDir);
        ServerProcess ns = ServerProcess.start(flavor.label() + " namesrv",
                flavor.namesrvCommand(classpath, jvm, nsDir, nsPort), nsDir.resolve("stdout.log"),
                "The Name Server boot success");
        String nsAddr = "127.0.0.1:" + nsPort;
        List<ServerProcess> started = new ArrayList<>();
        try {
            ServerProcess master = broker(flavor, classpath, jvm, dir.resolve("master"), nsAddr, basePort + 1000,
                    0, topology.masterRole, topology.flush);
            started.add(master);
            ServerProcess slave = null;
            if (topology.withSlave) {
                slave = broker(flavor, classpath, jvm, dir.resolve("slave"), nsAddr, basePort + 2000, 1, "SLAVE",
                        topology.flush);
            }
            return new Cluster(ns, master, slave, nsAddr);
        } catch (Exception e) {
            for (ServerProcess p : started) {
                p.close();
            }
            ns.close();
            throw e;
        }
    }

    private static ServerProcess broker(Flavor flavor, String classpath, String jvm, Path dir, String nsAddr, int port,
                                        long brokerId, String role, String flush) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("brokerClusterName", "DefaultCluster");
        p.put("brokerName", "broker-a");
        p.put("brokerId", String.valueOf(brokerId));
        p.put("brokerRole", role);
        p.put("flushDiskType", flush);
        p.put("brokerIP1", "127.0.0.1");
        p.put("brokerIP2", "127.0.0.1");
        p.put("listenPort", String.valueOf(port));
        p.put("namesrvAddr", nsAddr);
        p.put("storePathRootDir", dir.resolve("store").toString());
        p.put("storePathCommitLog", dir.resolve("store/commitlog").toString());
        p.put("autoCreateTopicEnable", "true");
        p.put("deleteWhen", "04");
        p.put("fileReservedTime", "48");
        return ServerProcess.start(flavor.label() + " broker " + role, flavor.brokerCommand(classpath, jvm, dir, p),
                dir.resolve("stdout.log"), "boot success");
    }

    @Override
    public void close() throws InterruptedException {
        if (slave != null) {
            slave.close();
        }
        master.close();
        namesrv.close();
    }
}
