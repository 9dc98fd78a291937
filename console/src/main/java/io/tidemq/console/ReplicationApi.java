package io.tidemq.console;

import org.apache.rocketmq.common.protocol.route.BrokerData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replication page: per broker name, the master's commit-log end and how far each slave is behind it, in
 * bytes, from the runtime figures both report.
 */
final class ReplicationApi {
    record Replica(long brokerId, String address, String status, long commitLogMaxOffset, long lagBytes,
                   String error) {
    }

    private final ClusterAdmin cluster;

    ReplicationApi(ClusterAdmin cluster) {
        this.cluster = cluster;
    }

    Object overview(ApiRequest request) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (BrokerData bd : new TreeMap<>(cluster.clusterInfo().getBrokerAddrTable()).values()) {
            Map<Long, String> addrs = new TreeMap<>(bd.getBrokerAddrs());
            String masterAddr = addrs.get(0L);
            Replica master = masterAddr == null ? null : replica(0, masterAddr, -1);
            List<Replica> slaves = new ArrayList<>();
            for (Map.Entry<Long, String> e : addrs.entrySet()) {
                if (e.getKey() != 0) {
                    slaves.add(replica(e.getKey(), e.getValue(),
                            master == null || !"UP".equals(master.status()) ? -1 : master.commitLogMaxOffset()));
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("brokerName", bd.getBrokerName());
            row.put("cluster", bd.getCluster());
            row.put("master", master);
            row.put("slaves", slaves);
            out.add(row);
        }
        return out;
    }

    private Replica replica(long id, String addr, long masterMax) {
        try {
            long max = Long.parseLong(cluster.admin().fetchBrokerRuntimeStats(addr).getTable()
                    .getOrDefault("commitLogMaxOffset", "0"));
            return new Replica(id, addr, "UP", max, masterMax < 0 ? 0 : Math.max(0, masterMax - max), "");
        } catch (Exception e) {
            return new Replica(id, addr, "UNREACHABLE", -1, -1, ConsoleErrors.describe(e));
        }
    }
}
