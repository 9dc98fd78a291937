package io.tidemq.broker.role;

import io.tidemq.common.protocol.body.SyncStateSet;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatRequestHeader;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatResponseHeader;

import java.util.Set;

/**
 * The requests controller mode sends to the leading controller (implemented over the network in the broker's
 * {@code out} package). A controller's refusal is a {@link Refused} with its response code.
 */
public interface ControllerLink {
    /** A controller's answer that is not SUCCESS. */
    final class Refused extends Exception {
        private final int code;

        public Refused(int code, String remark) {
            super(remark);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    void start();

    void shutdown();

    /** Applies for a brokerId in {@code brokerName} under {@code checkCode} ({@code wanted} or -1: the next free). */
    long applyBrokerId(String cluster, String brokerName, long wanted, String checkCode) throws Exception;

    void register(String cluster, String brokerName, long brokerId, String address, String haAddress)
            throws Exception;

    BrokerHeartbeatResponseHeader heartbeat(BrokerHeartbeatRequestHeader h) throws Exception;

    /** Proposes {@code members} as the in-sync set; returns the set the controllers hold afterwards. */
    SyncStateSet alterSyncStateSet(String brokerName, long masterId, int masterEpoch, Set<Long> members,
                                   int expectedEpoch) throws Exception;
}
