package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of GET_TOPIC_STATS_INFO (202). */
public class GetTopicStatsInfoRequestHeader {
    @Required
    public String topic;

    public GetTopicStatsInfoRequestHeader() {
    }
}
