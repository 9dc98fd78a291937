package io.tidemq.common.protocol.header.namesrv;

/** Header of UNREGISTER_BROKER (104). Mandatory: brokerName, brokerAddr, clusterName, brokerId. */
public final class UnRegisterBrokerRequestHeader {
    public String brokerName;
    public String brokerAddr;
    public String clusterName;
    public Long brokerId;

    public UnRegisterBrokerRequestHeader() {
    }

    public UnRegisterBrokerRequestHeader(String clusterName, String brokerName, String brokerAddr, long brokerId) {
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.brokerAddr = brokerAddr;
        this.brokerId = brokerId;
    }
}
