package io.tidemq.store;

/** A broker's replication role (key {@code brokerRole}). */
public enum BrokerRole {
    ASYNC_MASTER, SYNC_MASTER, SLAVE;

    public boolean isMaster() {
        return this != SLAVE;
    }
}
