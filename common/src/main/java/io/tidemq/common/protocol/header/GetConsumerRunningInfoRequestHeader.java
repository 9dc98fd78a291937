package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of GET_CONSUMER_RUNNING_INFO (307). */
public class GetConsumerRunningInfoRequestHeader {
    @Required
    public String consumerGroup;
    @Required
    public String clientId;
    public boolean jstackEnable;

    public GetConsumerRunningInfoRequestHeader() {
    }
}
