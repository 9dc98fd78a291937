package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of UPDATE_AND_CREATE_TOPIC (17). */
public class CreateTopicRequestHeader {
    @Required
    public String topic;
    @Required
    public String defaultTopic;
    @Required
    public Integer readQueueNums;
    @Required
    public Integer writeQueueNums;
    @Required
    public Integer perm;
    @Required
    public String topicFilterType;
    public Integer topicSysFlag;
    public boolean order;

    public CreateTopicRequestHeader() {
    }
}
