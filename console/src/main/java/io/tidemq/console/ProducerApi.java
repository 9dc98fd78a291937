package io.tidemq.console;

import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.protocol.body.Connection;
import org.apache.rocketmq.common.protocol.body.ProducerConnection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The producers page: the online producers of a group on a topic (4.9 has no request listing producer groups). */
final class ProducerApi {
    private final ClusterAdmin cluster;

    ProducerApi(ClusterAdmin cluster) {
        this.cluster = cluster;
    }

    Object connections(ApiRequest request) throws Exception {
        String group = request.required("group");
        String topic = request.required("topic");
        ProducerConnection pc;
        try {
            pc = cluster.admin().examineProducerConnectionInfo(group, topic);
        } catch (Exception e) {
            throw new ApiException(404, "no producer of " + group + " is online for " + topic + ": "
                    + ConsoleErrors.describe(e));
        }
        List<GroupApi.ClientRow> rows = new ArrayList<>();
        for (Connection c : pc.getConnectionSet()) {
            rows.add(new GroupApi.ClientRow(c.getClientId(), c.getClientAddr(), String.valueOf(c.getLanguage()),
                    MQVersion.getVersionDesc(c.getVersion())));
        }
        rows.sort(Comparator.comparing(GroupApi.ClientRow::clientId));
        return rows;
    }
}
