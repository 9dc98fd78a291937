package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of UPDATE_CONSUMER_OFFSET (15). */
public class UpdateConsumerOffsetRequestHeader {
    @Required
    public String consumerGroup;
    @Required
    public String topic;
    @Required
    public Integer queueId;
    @Required
    public Long commitOffset;

    public UpdateConsumerOffsetRequestHeader() {
    }
}
