package io.tidemq.common.protocol.header;

/** Header of PUSH_REPLY_MESSAGE_TO_CLIENT (326), broker to the requesting producer: the reply, as sent and stored. */
public class ReplyMessageRequestHeader {
    public String producerGroup;
    public String topic;
    public String defaultTopic;
    public Integer defaultTopicQueueNums;
    public Integer queueId;
    public Integer sysFlag;
    public Long bornTimestamp;
    public Integer flag;
    public String properties;
    public Integer reconsumeTimes;
    public boolean unitMode;
    public String bornHost;
    public String storeHost;
    public long storeTimestamp;

    public ReplyMessageRequestHeader() {
    }
}
