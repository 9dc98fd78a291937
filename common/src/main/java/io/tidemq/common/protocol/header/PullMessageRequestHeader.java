package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of PULL_MESSAGE (code 11). */
public class PullMessageRequestHeader {
    @Required
    public String consumerGroup;
    @Required
    public String topic;
    @Required
    public Integer queueId;
    @Required
    public Long queueOffset;
    @Required
    public Integer maxMsgNums;
    @Required
    public Integer sysFlag;
    @Required
    public Long commitOffset;
    @Required
    public Long suspendTimeoutMillis;
    public String subscription;
    @Required
    public Long subVersion;
    public String expressionType;

    public PullMessageRequestHeader() {
    }
}
