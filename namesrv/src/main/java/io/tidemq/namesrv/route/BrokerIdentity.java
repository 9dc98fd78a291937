package io.tidemq.namesrv.route;

/** A broker process: its cluster, broker name (shared by a master and its slaves), address and id (0 = master). */
public record BrokerIdentity(String clusterName, String brokerName, String brokerAddr, long brokerId) {
    /** The brokerId of masters. */
    public static final long MASTER_ID = 0L;

    public boolean isMaster() {
        return brokerId == MASTER_ID;
    }
}
