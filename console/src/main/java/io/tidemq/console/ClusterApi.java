package io.tidemq.console;

import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.route.BrokerData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster page: every broker with its role, address, version, disk and rates. A broker that answers nothing is
 * shown UNREACHABLE with the reason; one that was seen before and left the NameServer's table is shown DOWN.
 */
final class ClusterApi {
    /** One broker as the page shows it. */
    record BrokerView(String cluster, String brokerName, long brokerId, String role, String address, String status,
                      String error, String version, String putTps, String getTps, String diskRatio,
                      String diskCapacity, String commitLogMaxOffset, String msgPutTotalTodayNow,
                      String msgGetTotalTodayNow, String bootTimestamp) {
        static BrokerView down(String cluster, String name, long id, String address, String status, String error) {
            return new BrokerView(cluster, name, id, id == 0 ? "MASTER" : "SLAVE", address, status, error, "", "",
                    "", "", "", "", "", "", "");
        }
    }

    private final ClusterAdmin cluster;
    /** Brokers seen since the console started, by address: those missing from the table now are down. */
    private final Map<String, BrokerView> seen = new ConcurrentHashMap<>();

    ClusterApi(ClusterAdmin cluster) {
        this.cluster = cluster;
    }

    Object overview(ApiRequest request) throws Exception {
        ClusterInfo info = cluster.clusterInfo();
        Map<String, String> clusterOf = new TreeMap<>();
        info.getClusterAddrTable().forEach((c, names) -> names.forEach(n -> clusterOf.put(n, c)));
        List<BrokerView> brokers = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (BrokerData bd : new TreeMap<>(info.getBrokerAddrTable()).values()) {
            for (Map.Entry<Long, String> e : new TreeMap<>(bd.getBrokerAddrs()).entrySet()) {
                String c = clusterOf.getOrDefault(bd.getBrokerName(), bd.getCluster());
                BrokerView v = describe(c, bd.getBrokerName(), e.getKey(), e.getValue());
                brokers.add(v);
                present.add(e.getValue());
                seen.put(e.getValue(), v);
            }
        }
        for (BrokerView gone : seen.values()) {
            if (!present.contains(gone.address())) {
                brokers.add(BrokerView.down(gone.cluster(), gone.brokerName(), gone.brokerId(), gone.address(), "DOWN",
                        "no longer registered with the NameServer (stopped, crashed or cut off)"));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("namesrv", cluster.namesrvList());
        out.put("brokers", brokers);
        return out;
    }

    private BrokerView describe(String clusterName, String name, long id, String addr) {
        Map<String, String> rt;
        try {
            rt = cluster.admin().fetchBrokerRuntimeStats(addr).getTable();
        } catch (Exception e) {
            return BrokerView.down(clusterName, name, id, addr, "UNREACHABLE", ConsoleErrors.describe(e));
        }
        return new BrokerView(clusterName, name, id, id == 0 ? "MASTER" : "SLAVE", addr, "UP", "",
                rt.getOrDefault("brokerVersionDesc", ""), first(rt.get("putTps")), first(rt.get("getTotalTps")),
                rt.getOrDefault("commitLogDiskRatio", ""), rt.getOrDefault("commitLogDirCapacity", ""),
                rt.getOrDefault("commitLogMaxOffset", ""), rt.getOrDefault("msgPutTotalTodayNow", ""),
                rt.getOrDefault("msgGetTotalTodayNow", ""), rt.getOrDefault("bootTimestamp", ""));
    }

    /** The first of "tps10s tps1min tps10min". */
    static String first(String rates) {
        if (rates == null || rates.isBlank()) {
            return "";
        }
        return rates.trim().split("\\s+")[0];
    }
}
