package io.tidemq.common.protocol.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answer to CONTROLLER_GET_SYNC_STATE_DATA: per brokerName its master, epochs and replicas in and out of sync. */
public final class BrokerReplicasInfo {
    public Map<String, ReplicasInfo> replicasInfoTable = new TreeMap<>();

    /** One broker group. */
    public static final class ReplicasInfo {
        public Long masterBrokerId;
        public String masterAddress;
        public Integer masterEpoch;
        public Integer syncStateSetEpoch;
        public List<ReplicaIdentity> inSyncReplicas = new ArrayList<>();
        public List<ReplicaIdentity> notInSyncReplicas = new ArrayList<>();
    }

    /** One replica and whether the controller hears its heartbeats. */
    public static final class ReplicaIdentity {
        public String brokerName;
        public Long brokerId;
        public String brokerAddress;
        public Boolean alive;

        public ReplicaIdentity() {
        }

        public ReplicaIdentity(String brokerName, long brokerId, String brokerAddress, boolean alive) {
            this.brokerName = brokerName;
            this.brokerId = brokerId;
            this.brokerAddress = brokerAddress;
            this.alive = alive;
        }
    }
}
