package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of DELETE_SUBSCRIPTIONGROUP (207). */
public class DeleteSubscriptionGroupRequestHeader {
    @Required
    public String groupName;
    public boolean removeOffset;

    public DeleteSubscriptionGroupRequestHeader() {
    }
}
