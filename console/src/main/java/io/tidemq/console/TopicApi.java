package io.tidemq.console;

import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.admin.TopicOffset;
import org.apache.rocketmq.common.admin.TopicStatsTable;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.BrokerStatsData;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The topics pages: the list, create or update, delete, a topic's route, per-queue offsets and consumers. */
final class TopicApi {
    private static final Pattern VALID = Pattern.compile("^[%|a-zA-Z0-9_-]+$");
    private static final int MAX_LENGTH = 127;

    record TopicRow(String topic, String kind) {
    }

    /** Puts of the topic on one broker, from its statistics (VIEW_BROKER_STATS_DATA, TOPIC_PUT_NUMS). */
    record PutStats(String brokerName, double tpsLastMinute, long lastMinute, long lastHour, long lastDay,
                    String error) {
    }

    record QueueRow(String brokerName, int queueId, long minOffset, long maxOffset, long messages,
                    long lastUpdateTimestamp) {
    }

    private final ClusterAdmin cluster;

    TopicApi(ClusterAdmin cluster) {
        this.cluster = cluster;
    }

    Object list(ApiRequest request) throws Exception {
        ClusterInfo info = cluster.clusterInfo();
        Set<String> serverNamed = new HashSet<>(info.getClusterAddrTable().keySet());
        serverNamed.addAll(info.getBrokerAddrTable().keySet());
        List<TopicRow> rows = new ArrayList<>();
        for (String t : new TreeSet<>(cluster.admin().fetchAllTopicList().getTopicList())) {
            rows.add(new TopicRow(t, kind(t, serverNamed)));
        }
        return rows;
    }

    static String kind(String topic, Set<String> serverNamed) {
        if (topic.startsWith("%RETRY%")) {
            return "RETRY";
        }
        if (topic.startsWith("%DLQ%")) {
            return "DLQ";
        }
        if (topic.startsWith("RMQ_SYS_") || topic.equals("TBW102") || topic.equals("SCHEDULE_TOPIC_XXXX")
                || topic.equals("OFFSET_MOVED_EVENT") || topic.equals("SELF_TEST_TOPIC")
                || topic.equals("TRANS_CHECK_MAX_TIME_TOPIC") || topic.equals("BenchmarkTest")
                || serverNamed.contains(topic) || topic.endsWith("_REPLY_TOPIC")) {
            return "SYSTEM";
        }
        return "NORMAL";
    }

    /** Creates or updates the topic on every master of the cluster (or on one broker). */
    Object createOrUpdate(ApiRequest request) throws Exception {
        String topic = request.required("topic");
        if (topic.length() > MAX_LENGTH || !VALID.matcher(topic).matches()) {
            throw new ApiException(400, "topic names are at most " + MAX_LENGTH
                    + " characters among letters, digits, '%', '|', '_' and '-'; got '" + topic + "'");
        }
        int read = request.intParam("readQueueNums", 8, 1, 1024);
        int write = request.intParam("writeQueueNums", read, 1, 1024);
        int perm = request.intParam("perm", 6, 0, 7);
        String broker = request.optional("brokerName", "");
        Set<String> targets;
        if (!broker.isBlank()) {
            String addr = cluster.masters().get(broker);
            if (addr == null) {
                throw new ApiException(404, "no master for broker '" + broker + "'");
            }
            targets = Set.of(addr);
        } else {
            String c = request.optional("cluster", "");
            targets = cluster.mastersOf(c.isBlank() ? defaultCluster() : c);
        }
        if (targets.isEmpty()) {
            throw new ApiException(409, "no master broker to create the topic on");
        }
        TopicConfig tc = new TopicConfig(topic, read, write, perm);
        for (String addr : targets) {
            cluster.admin().createAndUpdateTopicConfig(addr, tc);
        }
        return Map.of("topic", topic, "brokers", targets);
    }

    private String defaultCluster() throws Exception {
        Set<String> clusters = cluster.clusterInfo().getClusterAddrTable().keySet();
        if (clusters.isEmpty()) {
            throw new ApiException(409, "no cluster is registered with the NameServer");
        }
        return new TreeSet<>(clusters).first();
    }

    Object delete(ApiRequest request) throws Exception {
        String topic = request.required("topic");
        Set<String> masters = cluster.mastersOf(null);
        cluster.admin().deleteTopicInBroker(masters, topic);
        cluster.admin().deleteTopicInNameServer(new HashSet<>(cluster.namesrvList()), topic);
        return Map.of("deleted", topic);
    }

    Object detail(ApiRequest request) throws Exception {
        String topic = request.required("topic");
        TopicRouteData route = cluster.admin().examineTopicRouteInfo(topic);
        List<Map<String, Object>> brokers = new ArrayList<>();
        for (BrokerData bd : route.getBrokerDatas()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("brokerName", bd.getBrokerName());
            b.put("cluster", bd.getCluster());
            b.put("addresses", bd.getBrokerAddrs());
            brokers.add(b);
        }
        List<QueueData> queues = new ArrayList<>(route.getQueueDatas());
        queues.sort(Comparator.comparing(QueueData::getBrokerName));
        List<QueueRow> offsets = new ArrayList<>();
        TopicStatsTable stats = cluster.admin().examineTopicStats(topic);
        for (Map.Entry<MessageQueue, TopicOffset> e : stats.getOffsetTable().entrySet()) {
            TopicOffset o = e.getValue();
            offsets.add(new QueueRow(e.getKey().getBrokerName(), e.getKey().getQueueId(), o.getMinOffset(),
                    o.getMaxOffset(), o.getMaxOffset() - o.getMinOffset(), o.getLastUpdateTimestamp()));
        }
        offsets.sort(Comparator.comparing(QueueRow::brokerName).thenComparingInt(QueueRow::queueId));
        List<String> consumers;
        try {
            consumers = new ArrayList<>(new TreeSet<>(cluster.admin().queryTopicConsumeByWho(topic).getGroupList()));
        } catch (Exception e) {
            consumers = List.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topic", topic);
        out.put("brokers", brokers);
        out.put("queueData", queues);
        out.put("queues", offsets);
        out.put("messages", offsets.stream().mapToLong(QueueRow::messages).sum());
        out.put("consumerGroups", consumers);
        out.put("putStats", putStats(topic, route));
        return out;
    }

    private List<PutStats> putStats(String topic, TopicRouteData route) {
        List<PutStats> out = new ArrayList<>();
        for (BrokerData bd : route.getBrokerDatas()) {
            String master = bd.getBrokerAddrs().get(0L);
            if (master == null) {
                continue;
            }
            try {
                BrokerStatsData s = cluster.admin().viewBrokerStatsData(master, "TOPIC_PUT_NUMS", topic);
                out.add(new PutStats(bd.getBrokerName(), s.getStatsMinute().getTps(), s.getStatsMinute().getSum(),
                        s.getStatsHour().getSum(), s.getStatsDay().getSum(), ""));
            } catch (Exception e) {
                // a broker has no item for a topic nothing was put to since it started
                out.add(new PutStats(bd.getBrokerName(), 0, 0, 0, 0, ConsoleErrors.describe(e)));
            }
        }
        out.sort(Comparator.comparing(PutStats::brokerName));
        return out;
    }
}
