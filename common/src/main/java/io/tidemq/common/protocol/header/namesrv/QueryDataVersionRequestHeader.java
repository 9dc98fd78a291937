package io.tidemq.common.protocol.header.namesrv;

/**
 * Header of QUERY_DATA_VERSION (322); the body is the broker's DataVersion. Mandatory: brokerName, brokerAddr,
 * clusterName, brokerId.
 */
public final class QueryDataVersionRequestHeader {
    public String brokerName;
    public String brokerAddr;
    public String clusterName;
    public Long brokerId;

    public QueryDataVersionRequestHeader() {
    }

    public QueryDataVersionRequestHeader(String clusterName, String brokerName, String brokerAddr, long brokerId) {
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.brokerAddr = brokerAddr;
        this.brokerId = brokerId;
    }
}
