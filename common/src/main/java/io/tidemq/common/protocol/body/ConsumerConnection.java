package io.tidemq.common.protocol.body;

import io.tidemq.common.protocol.heartbeat.ConsumeFromWhere;
import io.tidemq.common.protocol.heartbeat.ConsumeType;
import io.tidemq.common.protocol.heartbeat.MessageModel;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;

/** Answer of GET_CONSUMER_CONNECTION_LIST. */
public final class ConsumerConnection {
    public Set<Connection> connectionSet = new HashSet<>();
    public HashMap<String, SubscriptionData> subscriptionTable = new HashMap<>();
    public ConsumeType consumeType;
    public MessageModel messageModel;
    public ConsumeFromWhere consumeFromWhere;
}
