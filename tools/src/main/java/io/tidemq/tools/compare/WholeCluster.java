package io.tidemq.tools.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CLUSTER: a whole 2m-2s-sync cluster (2 NameServers, broker-a and broker-b each as SYNC_MASTER with a SLAVE,
 * ASYNC_FLUSH, as the shipped conf/2m-2s-sync files) launched at once: time to the last boot line, time until both
 * NameServers list all 4 brokers, and the total resident memory 3 s after the last boot line.
 */
final class WholeCluster {
    static final String PREFIX = "2m-2s-sync cluster ";
    static final int BROKERS = 4;
    private static final int NAMESRV_PORT_STEP = 5;

    private WholeCluster() {
    }

    static void run(ScaleEnv env, Flavor flavor, int basePort) throws Exception {
        System.out.printf("== %s: 2 NameServers + 4 brokers (2m-2s-sync) launched at once%n", flavor.label());
        Path dir = env.freshDir("cluster", flavor);
        String cp = env.classpath(flavor);
        // 5 apart: a NameServer also listens on listenPort+1 (metrics)
        String[] ns = {"127.0.0.1:" + basePort, "127.0.0.1:" + (basePort + NAMESRV_PORT_STEP)};
        String nsList = ns[0] + ";" + ns[1];
        // every command (and its configuration files) is ready before the first launch
        List<String> names = new ArrayList<>();
        List<List<String>> cmds = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        List<String> bootLines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path d = dir.resolve("namesrv-" + (i + 1));
            Files.createDirectories(d);
            names.add(flavor.label() + " namesrv-" + (i + 1));
            cmds.add(flavor.namesrvCommand(cp, env.serverJvm, d, basePort + i * NAMESRV_PORT_STEP));
            logs.add(d.resolve("stdout.log"));
            bootLines.add("The Name Server boot success");
        }
        int port = basePort + 10;
        for (String broker : List.of("broker-a", "broker-b")) {
            for (int id = 0; id < 2; id++) {
                String role = id == 0 ? "SYNC_MASTER" : "SLAVE";
                Path d = dir.resolve(broker + (id == 0 ? "" : "-s"));
                names.add(flavor.label() + " " + broker + " " + role);
                cmds.add(Cluster.brokerCommand(flavor, cp, env.serverJvm, d, nsList, broker, port, id, role,
                        "ASYNC_FLUSH", Map.of()));
                logs.add(d.resolve("stdout.log"));
                bootLines.add("boot success");
                port += 10;
            }
        }
        List<ServerProcess> procs = new ArrayList<>();
        Admin[] admins = {Admin.connect(ns[0]), Admin.connect(ns[1])};
        try {
            for (int i = 0; i < cmds.size(); i++) {
                procs.add(ServerProcess.launch(names.get(i), cmds.get(i), logs.get(i), bootLines.get(i)));
            }
            long first = Long.MAX_VALUE;
            long lastBoot = 0;
            for (ServerProcess p : procs) {
                p.awaitBoot(120_000);
                first = Math.min(first, p.launchNanos());
                lastBoot = Math.max(lastBoot, p.bootNanos());
            }
            env.results.put(PREFIX + "start-up (ms)", flavor, (lastBoot - first) / 1e6, false);
            long rssAt = lastBoot + 3_000_000_000L;
            long deadline = System.nanoTime() + 120_000_000_000L;
            long registered = 0;
            long rssKb = -1;
            while (registered == 0 || rssKb < 0) {
                long now = System.nanoTime();
                if (rssKb < 0 && now >= rssAt) {
                    rssKb = 0;
                    for (ServerProcess p : procs) {
                        rssKb += Math.max(0, p.rssKb());
                    }
                }
                if (registered == 0 && admins[0].brokersInCluster("DefaultCluster") >= BROKERS
                        && admins[1].brokersInCluster("DefaultCluster") >= BROKERS) {
                    registered = System.nanoTime();
                }
                if (registered == 0 && now > deadline) {
                    env.notes.add(flavor.label() + ", CLUSTER: the NameServers did not list all " + BROKERS
                            + " brokers within 120 s of the last boot line");
                    registered = -1;
                }
                Thread.sleep(registered == 0 ? 20 : Math.max(1, (rssAt - System.nanoTime()) / 1_000_000));
            }
            if (registered > 0) {
                env.results.put(PREFIX + "all registered (ms)", flavor, (registered - first) / 1e6, false);
            }
            env.results.put(PREFIX + "RSS total (MiB)", flavor, rssKb / 1024.0, false);
        } finally {
            for (ServerProcess p : procs) {
                p.terminate();
            }
            for (int i = procs.size() - 1; i >= 0; i--) {
                procs.get(i).close();
            }
            for (Admin a : admins) {
                a.close();
            }
            ScaleEnv.deleteStores(dir);
        }
    }

    static String method() {
        return "**CLUSTER.** A whole 2m-2s-sync cluster on this machine: 2 NameServers and 4 brokers (broker-a and "
                + "broker-b, each a SYNC_MASTER with brokerId 0 and a SLAVE with brokerId 1, ASYNC_FLUSH, as the "
                + "shipped conf/2m-2s-sync files; own ports and store folders, all on 127.0.0.1, every broker given "
                + "both NameServers), each with the same JVM options, all six launched at once. Start-up is from "
                + "the launch of the first process to the last boot line (`The Name Server boot success` / `boot "
                + "success`); all registered is from the same launch until both NameServers list the 4 brokers in "
                + "`DefaultCluster` (the admin client's `examineBrokerClusterInfo`, polled every 20 ms); RSS is the "
                + "sum of VmRSS of the six processes 3 s after the last boot line.";
    }
}
