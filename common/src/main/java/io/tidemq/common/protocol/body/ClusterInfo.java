package io.tidemq.common.protocol.body;

import io.tidemq.common.protocol.route.BrokerData;

import java.util.HashMap;
import java.util.Set;

/** Body of a GET_BROKER_CLUSTER_INFO answer. */
public final class ClusterInfo {
    public HashMap<String, BrokerData> brokerAddrTable = new HashMap<>();
    public HashMap<String, Set<String>> clusterAddrTable = new HashMap<>();
}
