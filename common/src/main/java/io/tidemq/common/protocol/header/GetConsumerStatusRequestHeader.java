package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223) and GET_CONSUMER_STATUS_FROM_CLIENT (221). */
public class GetConsumerStatusRequestHeader {
    @Required
    public String topic;
    @Required
    public String group;
    public String clientAddr;

    public GetConsumerStatusRequestHeader() {
    }
}
