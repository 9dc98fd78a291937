package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of CONSUMER_SEND_MSG_BACK (36). */
public class ConsumerSendMsgBackRequestHeader {
    @Required
    public Long offset;
    @Required
    public String group;
    @Required
    public Integer delayLevel;
    public String originMsgId;
    public String originTopic;
    public boolean unitMode;
    public Integer maxReconsumeTimes;

    public ConsumerSendMsgBackRequestHeader() {
    }
}
