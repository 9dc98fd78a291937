package io.tidemq.controller.election;

import io.tidemq.remoting.RemoteChannel;

/** The latest heartbeat of one replica as the leading controller received it (monotonic receive time). */
public record BrokerBeat(String clusterName, String brokerName, long brokerId, String address, int epoch,
                         long maxOffset, long confirmOffset, long timeoutMillis, int electionPriority,
                         RemoteChannel channel, long receivedNanos) {

    /** Alive: its connection is open and its last beat is younger than the timeout it declared. */
    public boolean aliveAt(long nowNanos) {
        return (channel == null || channel.isActive()) && nowNanos - receivedNanos <= timeoutMillis * 1_000_000L;
    }
}
