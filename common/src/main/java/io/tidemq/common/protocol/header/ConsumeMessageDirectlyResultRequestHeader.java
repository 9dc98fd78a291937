package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of CONSUME_MESSAGE_DIRECTLY (309). */
public class ConsumeMessageDirectlyResultRequestHeader {
    @Required
    public String consumerGroup;
    public String clientId;
    public String msgId;
    public String brokerName;

    public ConsumeMessageDirectlyResultRequestHeader() {
    }
}
