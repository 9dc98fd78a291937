package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of NOTIFY_CONSUMER_IDS_CHANGED (40), broker to client. */
public class NotifyConsumerIdsChangedRequestHeader {
    @Required
    public String consumerGroup;

    public NotifyConsumerIdsChangedRequestHeader() {
    }
}
