package io.tidemq.common.protocol.header.controller;

/** Header of CONTROLLER_GET_REPLICA_INFO (1004). */
public final class GetReplicaInfoRequestHeader {
    public String brokerName;
}
