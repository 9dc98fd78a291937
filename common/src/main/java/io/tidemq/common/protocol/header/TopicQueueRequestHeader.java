package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of GET_MAX_OFFSET / GET_MIN_OFFSET / GET_EARLIEST_MSG_STORETIME (30/31/32). */
public class TopicQueueRequestHeader {
    @Required
    public String topic;
    @Required
    public Integer queueId;

    public TopicQueueRequestHeader() {
    }
}
