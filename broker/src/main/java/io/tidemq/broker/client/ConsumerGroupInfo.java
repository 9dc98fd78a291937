package io.tidemq.broker.client;

import io.tidemq.common.protocol.heartbeat.ConsumeFromWhere;
import io.tidemq.common.protocol.heartbeat.ConsumeType;
import io.tidemq.common.protocol.heartbeat.MessageModel;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A consumer group's live members and subscriptions, as heartbeats report them. */
public final class ConsumerGroupInfo {
    private final String groupName;
    private final ConcurrentHashMap<String, ClientChannelInfo> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SubscriptionData> subscriptions = new ConcurrentHashMap<>();
    private volatile ConsumeType consumeType;
    private volatile MessageModel messageModel;
    private volatile ConsumeFromWhere consumeFromWhere;

    public ConsumerGroupInfo(String groupName) {
        this.groupName = groupName;
    }

    public String groupName() {
        return groupName;
    }

    /** Adds or refreshes a member; true when it is new to the group. */
    boolean updateChannel(ClientChannelInfo info, ConsumeType type, MessageModel model, ConsumeFromWhere from,
                          long now) {
        consumeType = type;
        messageModel = model;
        consumeFromWhere = from;
        ClientChannelInfo prev = channels.get(info.key());
        if (prev != null && prev.clientId().equals(info.clientId())) {
            prev.touch(now);
            return false;
        }
        info.touch(now);
        channels.put(info.key(), info);
        return true;
    }

    /**
     * Replaces subscriptions with those of a heartbeat: newer versions replace older ones, topics absent from it are
     * dropped. True when the set of topics changed.
     */
    boolean updateSubscriptions(Set<SubscriptionData> fresh) {
        boolean changed = false;
        for (SubscriptionData sd : fresh) {
            SubscriptionData old = subscriptions.get(sd.topic);
            if (old == null) {
                subscriptions.put(sd.topic, sd);
                changed = true;
            } else if (sd.subVersion > old.subVersion) {
                subscriptions.put(sd.topic, sd);
            }
        }
        changed |= subscriptions.keySet().removeIf(t -> fresh.stream().noneMatch(sd -> sd.topic.equals(t)));
        return changed;
    }

    boolean removeChannel(String key) {
        return channels.remove(key) != null;
    }

    public Map<String, ClientChannelInfo> channels() {
        return channels;
    }

    public List<String> clientIds() {
        List<String> ids = new ArrayList<>();
        for (ClientChannelInfo c : channels.values()) {
            ids.add(c.clientId());
        }
        return ids;
    }

    public ClientChannelInfo findByClientId(String clientId) {
        for (ClientChannelInfo c : channels.values()) {
            if (c.clientId().equals(clientId)) {
                return c;
            }
        }
        return null;
    }

    public SubscriptionData subscription(String topic) {
        return subscriptions.get(topic);
    }

    public Map<String, SubscriptionData> subscriptions() {
        return subscriptions;
    }

    public ConsumeType consumeType() {
        return consumeType;
    }

    public MessageModel messageModel() {
        return messageModel;
    }

    public ConsumeFromWhere consumeFromWhere() {
        return consumeFromWhere;
    }
}
