package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of SEND_MESSAGE (code 10): the long-named form of a send. */
public class SendMessageRequestHeader {
    @Required
    public String producerGroup;
    @Required
    public String topic;
    @Required
    public String defaultTopic;
    @Required
    public Integer defaultTopicQueueNums;
    @Required
    public Integer queueId;
    @Required
    public Integer sysFlag;
    @Required
    public Long bornTimestamp;
    @Required
    public Integer flag;
    public String properties;
    public Integer reconsumeTimes;
    public boolean unitMode;
    public boolean batch;
    public Integer maxReconsumeTimes;

    public SendMessageRequestHeader() {
    }
}
