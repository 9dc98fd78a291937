package io.tidemq.common.protocol.header.controller;

/** Answer to CONTROLLER_ALTER_SYNC_STATE_SET. */
public final class AlterSyncStateSetResponseHeader {
    public Integer newSyncStateSetEpoch;
}
