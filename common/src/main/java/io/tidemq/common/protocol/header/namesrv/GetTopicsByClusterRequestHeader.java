package io.tidemq.common.protocol.header.namesrv;

/** Header of GET_TOPICS_BY_CLUSTER (224). Mandatory: cluster. */
public final class GetTopicsByClusterRequestHeader {
    public String cluster;

    public GetTopicsByClusterRequestHeader() {
    }

    public GetTopicsByClusterRequestHeader(String cluster) {
        this.cluster = cluster;
    }
}
