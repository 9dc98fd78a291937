package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of GET_CONSUME_STATS (208). */
public class GetConsumeStatsRequestHeader {
    @Required
    public String consumerGroup;
    public String topic;

    public GetConsumeStatsRequestHeader() {
    }
}
