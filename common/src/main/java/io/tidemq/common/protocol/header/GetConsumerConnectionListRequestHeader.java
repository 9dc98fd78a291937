package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of GET_CONSUMER_CONNECTION_LIST (203). */
public class GetConsumerConnectionListRequestHeader {
    @Required
    public String consumerGroup;

    public GetConsumerConnectionListRequestHeader() {
    }
}
