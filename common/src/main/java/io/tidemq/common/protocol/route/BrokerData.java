package io.tidemq.common.protocol.route;

import java.util.HashMap;
import java.util.Map;

/** The addresses of one broker name: brokerId (0 = master) to {@code ip:port}. */
public final class BrokerData {
    public String cluster;
    public String brokerName;
    public HashMap<Long, String> brokerAddrs = new HashMap<>();

    public BrokerData() {
    }

    public BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs) {
        this.cluster = cluster;
        this.brokerName = brokerName;
        this.brokerAddrs = new HashMap<>(brokerAddrs);
    }

    /** The master's address, or null when no master is registered. */
    public String masterAddr() {
        return brokerAddrs.get(0L);
    }

    public BrokerData copy() {
        return new BrokerData(cluster, brokerName, brokerAddrs);
    }
}
