package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of DELETE_TOPIC_IN_BROKER (215). */
public class DeleteTopicRequestHeader {
    @Required
    public String topic;

    public DeleteTopicRequestHeader() {
    }
}
