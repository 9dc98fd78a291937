package io.tidemq.common.protocol.header.namesrv;

/** Header of DELETE_TOPIC_IN_NAMESRV (216). Mandatory: topic. */
public final class DeleteTopicFromNamesrvRequestHeader {
    public String topic;

    public DeleteTopicFromNamesrvRequestHeader() {
    }

    public DeleteTopicFromNamesrvRequestHeader(String topic) {
        this.topic = topic;
    }
}
