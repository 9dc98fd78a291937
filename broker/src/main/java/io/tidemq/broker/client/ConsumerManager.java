package io.tidemq.broker.client;

import io.tidemq.common.MonotonicClock;
import io.tidemq.common.protocol.heartbeat.ConsumeFromWhere;
import io.tidemq.common.protocol.heartbeat.ConsumeType;
import io.tidemq.common.protocol.heartbeat.MessageModel;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Live consumer groups: members by connection and their subscriptions. Thread-safe. */
public final class ConsumerManager {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerManager.class);

    private final ConcurrentHashMap<String, ConsumerGroupInfo> groups = new ConcurrentHashMap<>();
    private final ConsumerIdsChangeListener listener;
    private final long channelExpiredMillis;

    public ConsumerManager(ConsumerIdsChangeListener listener, long channelExpiredMillis) {
        this.listener = listener;
        this.channelExpiredMillis = channelExpiredMillis;
    }

    /** Registers a heartbeat's consumer entry; notifies the group when members or topics changed. */
    public void register(String group, ClientChannelInfo member, ConsumeType type, MessageModel model,
                         ConsumeFromWhere from, Set<SubscriptionData> subscriptions, boolean notify) {
        ConsumerGroupInfo info = groups.computeIfAbsent(group, ConsumerGroupInfo::new);
        boolean changed;
        synchronized (info) {
            changed = info.updateChannel(member, type, model, from, MonotonicClock.millis());
            changed |= info.updateSubscriptions(subscriptions);
        }
        if (changed && notify) {
            listener.changed(group, info.channels().values());
        }
    }

    /** Removes one member (UNREGISTER_CLIENT); drops the group when it becomes empty. */
    public void unregister(String group, String channelKey, boolean notify) {
        ConsumerGroupInfo info = groups.get(group);
        if (info == null) {
            return;
        }
        boolean removed;
        synchronized (info) {
            removed = info.removeChannel(channelKey);
            if (info.channels().isEmpty()) {
                groups.remove(group, info);
            }
        }
        if (removed && notify && !info.channels().isEmpty()) {
            listener.changed(group, info.channels().values());
        }
    }

    /** A connection closed: removes it from every group and tells the remaining members. */
    public void channelClosed(String channelKey) {
        for (ConsumerGroupInfo info : groups.values()) {
            boolean removed;
            synchronized (info) {
                removed = info.removeChannel(channelKey);
                if (info.channels().isEmpty()) {
                    groups.remove(info.groupName(), info);
                }
            }
            if (removed) {
                LOG.info("consumer {} of group {} gone (channel closed)", channelKey, info.groupName());
                if (!info.channels().isEmpty()) {
                    listener.changed(info.groupName(), info.channels().values());
                }
            }
        }
    }

    /** Drops members whose last heartbeat is older than the expiry; returns their channels so they can be closed. */
    public List<ClientChannelInfo> scanExpired(long now) {
        List<ClientChannelInfo> expired = new ArrayList<>();
        for (ConsumerGroupInfo info : groups.values()) {
            for (ClientChannelInfo c : info.channels().values()) {
                if (now - c.lastUpdateTimestamp() > channelExpiredMillis) {
                    expired.add(c);
                }
            }
        }
        for (ClientChannelInfo c : expired) {
            channelClosed(c.key());
        }
        return expired;
    }

    public ConsumerGroupInfo group(String group) {
        return groups.get(group);
    }

    public Map<String, ConsumerGroupInfo> groups() {
        return groups;
    }

    /** Groups with a live member subscribed to the topic. */
    public Set<String> groupsSubscribing(String topic) {
        Set<String> out = new HashSet<>();
        groups.forEach((g, info) -> {
            if (info.subscription(topic) != null) {
                out.add(g);
            }
        });
        return out;
    }
}
