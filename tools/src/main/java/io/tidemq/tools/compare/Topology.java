package io.tidemq.tools.compare;

/** The broker set-ups compared (each one master, with or without a slave). */
enum Topology {
    ASYNC_FLUSH("1 master, ASYNC_FLUSH", "ASYNC_MASTER", "ASYNC_FLUSH", false),
    SYNC_FLUSH("1 master, SYNC_FLUSH", "ASYNC_MASTER", "SYNC_FLUSH", false),
    ASYNC_REPLICATION("master + slave, ASYNC_MASTER", "ASYNC_MASTER", "ASYNC_FLUSH", true),
    SYNC_REPLICATION("master + slave, SYNC_MASTER", "SYNC_MASTER", "ASYNC_FLUSH", true);

    final String title;
    final String masterRole;
    final String flush;
    final boolean withSlave;

    Topology(String title, String masterRole, String flush, boolean withSlave) {
        this.title = title;
        this.masterRole = masterRole;
        this.flush = flush;
        this.withSlave = withSlave;
    }
}
