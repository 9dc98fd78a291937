package io.tidemq.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The failover part of the replication page: the controllers (which leads the Raft group) and, per broker group in
 * controller mode, the master, its epoch and the in-sync set, asked with RocketMQ 5's controller requests. The
 * controllers are found in the configuration of the brokers (their {@code controllerAddr}), so nothing extra is
 * configured here.
 */
final class ControllerApi {
    private static final int GET_METADATA_INFO = 1005;
    private static final int GET_SYNC_STATE_DATA = 1006;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterAdmin cluster;

    ControllerApi(ClusterAdmin cluster) {
        this.cluster = cluster;
    }

    Object overview(ApiRequest request) throws Exception {
        Set<String> names = new TreeSet<>();
        Set<String> controllers = new LinkedHashSet<>();
        for (BrokerData bd : cluster.clusterInfo().getBrokerAddrTable().values()) {
            names.add(bd.getBrokerName());
            if (controllers.isEmpty()) {
                bd.getBrokerAddrs().values().stream().findFirst().ifPresent(a -> controllers.addAll(controllersOf(a)));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", !controllers.isEmpty());
        if (controllers.isEmpty()) {
            return out;
        }
        List<Map<String, Object>> peers = new ArrayList<>();
        String leader = null;
        for (String c : controllers) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("address", c);
            try {
                RemotingCommand r = cluster.invoke(c, GET_METADATA_INFO, null);
                Map<String, String> f = r.getExtFields() == null ? Map.of() : r.getExtFields();
                peer.put("status", "UP");
                peer.put("leader", "true".equals(f.get("isLeader")));
                peer.put("group", f.getOrDefault("group", ""));
                if (leader == null && f.get("controllerLeaderAddress") != null) {
                    leader = f.get("controllerLeaderAddress");
                }
                peer.put("error", "");
            } catch (Exception e) {
                peer.put("status", "UNREACHABLE");
                peer.put("leader", false);
                peer.put("error", ConsoleErrors.describe(e));
            }
            peers.add(peer);
        }
        out.put("controllers", peers);
        out.put("leader", leader);
        out.put("groups", leader == null ? List.of() : groups(leader, names));
        return out;
    }

    /** The controllers a broker follows, from its configuration; none when it is not in controller mode. */
    private List<String> controllersOf(String brokerAddr) {
        try {
            Properties p = cluster.admin().getBrokerConfig(brokerAddr);
            if (!"true".equalsIgnoreCase(p.getProperty("enableControllerMode", "").trim())) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String a : p.getProperty("controllerAddr", "").split(";")) {
                if (!a.isBlank()) {
                    out.add(a.trim());
                }
            }
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private List<Map<String, Object>> groups(String leader, Set<String> names) throws Exception {
        RemotingCommand r = cluster.invoke(leader, GET_SYNC_STATE_DATA, JSON.writeValueAsBytes(names));
        if (r.getCode() != 0) {
            throw new ApiException(502, "the leading controller " + leader + " answered " + r.getCode() + ": "
                    + r.getRemark());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        JsonNode table = JSON.readTree(r.getBody()).path("replicasInfoTable");
        for (String name : names) {
            JsonNode g = table.path(name);
            if (g.isMissingNode()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("brokerName", name);
            row.put("masterBrokerId", g.path("masterBrokerId").isNull() ? null : g.path("masterBrokerId").asLong());
            row.put("masterAddress", g.path("masterAddress").asText(""));
            row.put("masterEpoch", g.path("masterEpoch").asInt());
            row.put("syncStateSetEpoch", g.path("syncStateSetEpoch").asInt());
            row.put("replicas", replicas(g));
            out.add(row);
        }
        return out;
    }

    private static List<Map<String, Object>> replicas(JsonNode group) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String set : List.of("inSyncReplicas", "notInSyncReplicas")) {
            for (JsonNode r : group.path(set)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("brokerId", r.path("brokerId").asLong());
                row.put("address", r.path("brokerAddress").asText(""));
                row.put("inSync", set.equals("inSyncReplicas"));
                row.put("alive", r.path("alive").asBoolean());
                out.add(row);
            }
        }
        return out;
    }
}
