package io.tidemq.store;

import io.tidemq.config.ConfigKey;

/**
 * Master/slave replication: the HA port, heartbeats, batch size, the master address and how far a slave may fall
 * behind. Part of {@link MessageStoreConfig}, under the same property keys.
 */
public final class ReplicationConfig {
    @ConfigKey(doc = "Replication port of a master.",
            noEffect = "the broker always uses listenPort + 1, as Apache 4.9.3 does.")
    private int haListenPort = 10912;
    @ConfigKey(doc = "Slave: interval of its offset reports when there is nothing new, ms.")
    private int haSendHeartbeatInterval = 5000;
    @ConfigKey(doc = "A replication connection silent this long is closed, ms.")
    private int haHousekeepingInterval = 20_000;
    @ConfigKey(doc = "Master: bytes of CommitLog sent to a slave in one frame at most.")
    private int haTransferBatchSize = 32 * 1024;
    @ConfigKey(doc = "Slave: the master's replication address (host:port); empty means learnt from the NameServer.",
            important = true)
    private String haMasterAddress = null;
    @ConfigKey(doc = "SYNC_MASTER: a slave further behind than this many bytes counts as unavailable.", live = true)
    private volatile int haSlaveFallbehindMax = 256 * 1024 * 1024;
    @ConfigKey(doc = "Slave: let a pull past the queue's end move the consumer's offset (as a master does) instead "
            + "of keeping it.", live = true)
    private volatile boolean offsetCheckInSlave = false;
    @ConfigKey(doc = "Apache: dispatch only up to a confirmed offset set by an external CommitLog copier.",
            noEffect = "TideMQ has no external copier; a slave's confirmed data is what its master sent.")
    private boolean duplicationEnable = false;

    public int getHaListenPort() {
        return haListenPort;
    }

    public void setHaListenPort(int haListenPort) {
        this.haListenPort = haListenPort;
    }

    public int getHaSendHeartbeatInterval() {
        return haSendHeartbeatInterval;
    }

    public void setHaSendHeartbeatInterval(int haSendHeartbeatInterval) {
        this.haSendHeartbeatInterval = haSendHeartbeatInterval;
    }

    public int getHaHousekeepingInterval() {
        return haHousekeepingInterval;
    }

    public void setHaHousekeepingInterval(int haHousekeepingInterval) {
        this.haHousekeepingInterval = haHousekeepingInterval;
    }

    public int getHaTransferBatchSize() {
        return haTransferBatchSize;
    }

    public void setHaTransferBatchSize(int haTransferBatchSize) {
        this.haTransferBatchSize = haTransferBatchSize;
    }

    public String getHaMasterAddress() {
        return haMasterAddress;
    }

    public void setHaMasterAddress(String haMasterAddress) {
        this.haMasterAddress = haMasterAddress;
    }

    public int getHaSlaveFallbehindMax() {
        return haSlaveFallbehindMax;
    }

    public void setHaSlaveFallbehindMax(int haSlaveFallbehindMax) {
        this.haSlaveFallbehindMax = haSlaveFallbehindMax;
    }

    public boolean isOffsetCheckInSlave() {
        return offsetCheckInSlave;
    }

    public void setOffsetCheckInSlave(boolean offsetCheckInSlave) {
        this.offsetCheckInSlave = offsetCheckInSlave;
    }
}
