package io.tidemq.console;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.admin.ConsumeStats;
import org.apache.rocketmq.common.admin.OffsetWrapper;
import org.apache.rocketmq.common.admin.RollbackStats;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.body.Connection;
import org.apache.rocketmq.common.protocol.body.ConsumerConnection;
import org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consumer-group pages: every group with its lag and online clients; one group's lag per queue, clients and
 * subscriptions; resetting its offsets to a time; deleting it.
 */
final class GroupApi {
    record GroupRow(String group, long lag, double consumeTps, int clients, String messageModel, String error) {
    }

    record QueueLag(String topic, String brokerName, int queueId, long brokerOffset, long consumerOffset, long lag,
                    long lastTimestamp) {
    }

    record ClientRow(String clientId, String address, String language, String version) {
    }

    record SubscriptionRow(String topic, String type, String expression) {
    }

    record QueueOffset(String brokerName, int queueId, long offset) {
    }

    private final ClusterAdmin cluster;

    GroupApi(ClusterAdmin cluster) {
        this.cluster = cluster;
    }

    /** Groups named in the subscription tables of the masters. */
    Set<String> groupNames() throws Exception {
        Set<String> out = new TreeSet<>();
        for (String addr : cluster.masters().values()) {
            out.addAll(cluster.admin().getAllSubscriptionGroup(addr, 5000).getSubscriptionGroupTable().keySet());
        }
        return out;
    }

    static boolean isSystemGroup(String g) {
        return g.startsWith("CID_RMQ_SYS_") || g.startsWith("TOOLS_CONSUMER") || g.equals("FILTERSRV_CONSUMER")
                || g.equals("SELF_TEST_C_GROUP") || g.equals("CID_ONS-HTTP-PROXY") || g.equals("CID_ONSAPI_OWNER")
                || g.equals("CID_ONSAPI_PERMISSION") || g.equals("CID_ONSAPI_PULL") || g.startsWith("TIDEMQ_CONSOLE")
                || g.equals("CID_SYS_RMQ_TRANS");
    }

    Object list(ApiRequest request) throws Exception {
        boolean all = Boolean.parseBoolean(request.optional("system", "false"));
        List<GroupRow> rows = new ArrayList<>();
        for (String g : groupNames()) {
            if (!all && isSystemGroup(g)) {
                continue;
            }
            rows.add(row(g));
        }
        return rows;
    }

    GroupRow row(String group) {
        long lag = 0;
        double tps = 0;
        String error = "";
        try {
            ConsumeStats stats = cluster.admin().examineConsumeStats(group);
            lag = stats.computeTotalDiff();
            tps = stats.getConsumeTps();
        } catch (Exception e) {
            error = ConsoleErrors.describe(e);
        }
        ConsumerConnection cc = connection(group);
        return new GroupRow(group, lag, tps, cc == null ? 0 : cc.getConnectionSet().size(),
                cc == null || cc.getMessageModel() == null ? "" : cc.getMessageModel().name(), error);
    }

    /** The group's connections, or null when none of its consumers is online. */
    ConsumerConnection connection(String group) {
        try {
            return cluster.admin().examineConsumerConnectionInfo(group);
        } catch (Exception e) {
            return null;
        }
    }

    Object detail(ApiRequest request) throws Exception {
        String group = request.required("group");
        List<QueueLag> queues = new ArrayList<>();
        String error = "";
        try {
            ConsumeStats stats = cluster.admin().examineConsumeStats(group);
            for (Map.Entry<MessageQueue, OffsetWrapper> e : stats.getOffsetTable().entrySet()) {
                OffsetWrapper o = e.getValue();
                MessageQueue q = e.getKey();
                queues.add(new QueueLag(q.getTopic(), q.getBrokerName(), q.getQueueId(), o.getBrokerOffset(),
                        o.getConsumerOffset(), Math.max(0, o.getBrokerOffset() - o.getConsumerOffset()),
                        o.getLastTimestamp()));
            }
        } catch (Exception e) {
            error = ConsoleErrors.describe(e);
        }
        queues.sort(Comparator.comparing(QueueLag::topic).thenComparing(QueueLag::brokerName)
                .thenComparingInt(QueueLag::queueId));
        List<ClientRow> clients = new ArrayList<>();
        List<SubscriptionRow> subscriptions = new ArrayList<>();
        ConsumerConnection cc = connection(group);
        Map<String, Object> out = new LinkedHashMap<>();
        if (cc != null) {
            for (Connection c : cc.getConnectionSet()) {
                clients.add(new ClientRow(c.getClientId(), c.getClientAddr(), String.valueOf(c.getLanguage()),
                        MQVersion.getVersionDesc(c.getVersion())));
            }
            for (SubscriptionData s : cc.getSubscriptionTable().values()) {
                subscriptions.add(new SubscriptionRow(s.getTopic(), s.getExpressionType(), s.getSubString()));
            }
            out.put("consumeType", String.valueOf(cc.getConsumeType()));
            out.put("messageModel", String.valueOf(cc.getMessageModel()));
            out.put("consumeFromWhere", String.valueOf(cc.getConsumeFromWhere()));
        }
        clients.sort(Comparator.comparing(ClientRow::clientId));
        subscriptions.sort(Comparator.comparing(SubscriptionRow::topic));
        out.put("group", group);
        out.put("lag", queues.stream().mapToLong(QueueLag::lag).sum());
        out.put("queues", queues);
        out.put("clients", clients);
        out.put("subscriptions", subscriptions);
        out.put("error", error);
        return out;
    }

    /**
     * Moves the group's offsets on a topic to the first message stored at or after {@code timestamp}: told to the
     * online consumers (who then pull from there), or, with none online, written to the brokers directly.
     */
    Object resetOffset(ApiRequest request) throws Exception {
        String group = request.required("group");
        String topic = request.required("topic");
        long timestamp = request.longParam("timestamp", -1);
        if (timestamp < 0) {
            throw new ApiException(400, "'timestamp' (ms since the epoch) is required");
        }
        boolean force = Boolean.parseBoolean(request.optional("force", "true"));
        List<QueueOffset> queues = new ArrayList<>();
        String mode;
        try {
            Map<MessageQueue, Long> moved = cluster.admin().resetOffsetByTimestamp(topic, group, timestamp, force);
            mode = "online consumers told";
            moved.forEach((q, off) -> queues.add(new QueueOffset(q.getBrokerName(), q.getQueueId(), off)));
        } catch (MQClientException e) {
            if (e.getResponseCode() != ResponseCode.CONSUMER_NOT_ONLINE) {
                throw e;
            }
            mode = "no consumer online: offsets written on the brokers";
            for (RollbackStats r : cluster.admin().resetOffsetByTimestampOld(group, topic, timestamp, force)) {
                queues.add(new QueueOffset(r.getBrokerName(), (int) r.getQueueId(), r.getRollbackOffset()));
            }
        }
        queues.sort(Comparator.comparing(QueueOffset::brokerName).thenComparingInt(QueueOffset::queueId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("group", group);
        out.put("topic", topic);
        out.put("mode", mode);
        out.put("queues", queues);
        return out;
    }


    Object delete(ApiRequest request) throws Exception {
        String group = request.required("group");
        Set<String> masters = cluster.mastersOf(null);
        for (String addr : masters) {
            cluster.admin().deleteSubscriptionGroup(addr, group);
        }
        return Map.of("deleted", group, "brokers", masters);
    }
}
