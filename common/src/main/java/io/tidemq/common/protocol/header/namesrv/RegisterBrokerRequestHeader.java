package io.tidemq.common.protocol.header.namesrv;

/**
 * Header of REGISTER_BROKER (103). Mandatory: brokerName, brokerAddr, clusterName, haServerAddr, brokerId.
 * {@code bodyCrc32} is the CRC32 of the body masked with 0x7FFFFFFF; 0 means "do not check".
 */
public final class RegisterBrokerRequestHeader {
    public String brokerName;
    /** {@code ip:port} clients connect to. */
    public String brokerAddr;
    public String clusterName;
    /** {@code ip:haPort} slaves replicate from. */
    public String haServerAddr;
    /** 0 for a master, 1 and up for slaves. */
    public Long brokerId;
    /** True when the body is the zlib-compressed form (see RegisterBrokerBodyCodec). */
    public boolean compressed;
    public Integer bodyCrc32 = 0;
    /** TideMQ, controller mode only: the master epoch of a registering master (older ones are refused). */
    public Integer masterEpoch;

    public RegisterBrokerRequestHeader() {
    }

    public RegisterBrokerRequestHeader(String clusterName, String brokerName, String brokerAddr, long brokerId,
                                       String haServerAddr) {
        this.clusterName = clusterName;
        this.brokerName = brokerName;
        this.brokerAddr = brokerAddr;
        this.brokerId = brokerId;
        this.haServerAddr = haServerAddr;
    }
}
