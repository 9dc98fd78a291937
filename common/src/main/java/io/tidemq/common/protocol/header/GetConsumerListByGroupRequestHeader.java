package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of GET_CONSUMER_LIST_BY_GROUP (38). */
public class GetConsumerListByGroupRequestHeader {
    @Required
    public String consumerGroup;

    public GetConsumerListByGroupRequestHeader() {
    }
}
