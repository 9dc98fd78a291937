package io.tidemq.common.protocol.header.controller;

/** Answer to CONTROLLER_GET_METADATA_INFO (1005): the Raft group and its leader. */
public final class GetMetaDataResponseHeader {
    public String group;
    public String controllerLeaderId;
    public String controllerLeaderAddress;
    public Boolean isLeader;
    public String peers;
}
