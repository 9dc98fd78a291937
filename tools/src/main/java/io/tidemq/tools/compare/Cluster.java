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
    ServerProcess master;
    final ServerProcess slave;
    final String namesrvAddr;
    /** ip:port of the master broker. */
    final String masterAddr;

    private Cluster(ServerProcess namesrv, ServerProcess master, ServerProcess slave, String namesrvAddr,
                    String masterAddr) {
        this.namesrv = namesrv;
        this.master = master;
        this.slave = slave;
        this.namesrvAddr = namesrvAddr;
        this.masterAddr = masterAddr;
    }

    static Cluster start(Flavor flavor, Topology topology, String classpath, String jvm, Path dir, int basePort)
            throws Exception {
        return start(flavor, topology, classpath, jvm, dir, basePort, Map.of());
    }

    /** As above, with broker properties added to (or replacing) the common ones, on master and slave. */
    static Cluster start(Flavor flavor, Topology topology, String classpath, String jvm, Path dir, int basePort,
                         Map<String, String> extraBrokerProps) throws Exception {
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
            Path masterDir = dir.resolve("master");
            ServerProcess master = ServerProcess.start(flavor.label() + " broker " + topology.masterRole,
                    brokerCommand(flavor, classpath, jvm, masterDir, nsAddr, "broker-a", basePort + 1000, 0,
                            topology.masterRole, topology.flush, extraBrokerProps),
                    masterDir.resolve("stdout.log"), "boot success");
            started.add(master);
            ServerProcess slave = null;
            if (topology.withSlave) {
                Path slaveDir = dir.resolve("slave");
                slave = ServerProcess.start(flavor.label() + " broker SLAVE", brokerCommand(flavor, classpath, jvm,
                        slaveDir, nsAddr, "broker-a", basePort + 2000, 1, "SLAVE", topology.flush,
                        extraBrokerProps), slaveDir.resolve("stdout.log"), "boot success");
            }
            return new Cluster(ns, master, slave, nsAddr, "127.0.0.1:" + (basePort + 1000));
        } catch (Exception e) {
            for (ServerProcess p : started) {
                p.close();
            }
            ns.close();
            throw e;
        }
    }

    /**
     * The command of one broker (with its properties file written into {@code dir}); it listens on {@code port},
     * its HA port is {@code port + 1} and its fast port {@code port - 2}, so brokers need ports at least 4 apart.
     */
    static List<String> brokerCommand(Flavor flavor, String classpath, String jvm, Path dir, String nsAddr,
                                      String brokerName, int port, long brokerId, String role, String flush,
                                      Map<String, String> extraProps) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("brokerClusterName", "DefaultCluster");
        p.put("brokerName", brokerName);
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
        p.putAll(extraProps);
        return flavor.brokerCommand(classpath, jvm + " " + GcLog.option(dir.resolve("gc.log")), dir, p);
    }

    /**
     * Stops the master (SIGTERM, a clean shutdown), runs {@code whileDown}, and starts it again on the same store
     * and ports; waits for its boot line.
     */
    void restartMaster(Runnable whileDown) throws Exception {
        master.close();
        whileDown.run();
        master = master.restart(master.log().resolveSibling("stdout-restart.log"));
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
