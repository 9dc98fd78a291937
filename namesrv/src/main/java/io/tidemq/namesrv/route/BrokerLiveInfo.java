package io.tidemq.namesrv.route;

import io.tidemq.common.DataVersion;
import io.tidemq.remoting.RemoteChannel;

/** Liveness record of one broker address. Mutable; guarded by the RouteInfoManager lock. */
final class BrokerLiveInfo {
    long lastUpdateTimestamp;
    final DataVersion dataVersion;
    final RemoteChannel channel;
    final String haServerAddr;

    BrokerLiveInfo(long lastUpdateTimestamp, DataVersion dataVersion, RemoteChannel channel, String haServerAddr) {
        this.lastUpdateTimestamp = lastUpdateTimestamp;
        this.dataVersion = dataVersion;
        this.channel = channel;
        this.haServerAddr = haServerAddr;
    }

    @Override
    public String toString() {
        return "BrokerLiveInfo[lastUpdateTimestamp=" + lastUpdateTimestamp + ", dataVersion=" + dataVersion
                + ", haServerAddr=" + haServerAddr + "]";
    }
}
