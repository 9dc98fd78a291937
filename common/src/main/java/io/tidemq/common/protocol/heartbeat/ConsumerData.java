package io.tidemq.common.protocol.heartbeat;

import java.util.HashSet;
import java.util.Set;

/** A consumer group as one client reports it in a heartbeat. */
public final class ConsumerData {
    public String groupName;
    public ConsumeType consumeType;
    public MessageModel messageModel;
    public ConsumeFromWhere consumeFromWhere;
    public Set<SubscriptionData> subscriptionDataSet = new HashSet<>();
    public boolean unitMode;
}
