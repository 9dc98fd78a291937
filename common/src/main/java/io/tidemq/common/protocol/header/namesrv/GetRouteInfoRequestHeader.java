package io.tidemq.common.protocol.header.namesrv;

/** Header of GET_ROUTEINFO_BY_TOPIC (105). Mandatory: topic. */
public final class GetRouteInfoRequestHeader {
    public String topic;

    public GetRouteInfoRequestHeader() {
    }

    public GetRouteInfoRequestHeader(String topic) {
        this.topic = topic;
    }
}
