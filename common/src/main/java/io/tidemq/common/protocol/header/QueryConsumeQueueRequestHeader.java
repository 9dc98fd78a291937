package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of QUERY_CONSUME_QUEUE (321). */
public class QueryConsumeQueueRequestHeader {
    @Required
    public String topic;
    public int queueId;
    public long index;
    public int count;
    public String consumerGroup;

    public QueryConsumeQueueRequestHeader() {
    }
}
