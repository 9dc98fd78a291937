package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of QUERY_CONSUMER_OFFSET (14). */
public class QueryConsumerOffsetRequestHeader {
    @Required
    public String consumerGroup;
    @Required
    public String topic;
    @Required
    public Integer queueId;

    public QueryConsumerOffsetRequestHeader() {
    }
}
