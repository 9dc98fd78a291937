package io.tidemq.broker.client;

import io.tidemq.common.MonotonicClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Live producer groups and their connections (transaction checks, reply routing, admin listings). */
public final class ProducerManager {
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ClientChannelInfo>> groups =
            new ConcurrentHashMap<>();
    private final long channelExpiredMillis;

    public ProducerManager(long channelExpiredMillis) {
        this.channelExpiredMillis = channelExpiredMillis;
    }

    public void register(String group, ClientChannelInfo member) {
        ConcurrentHashMap<String, ClientChannelInfo> m = groups.computeIfAbsent(group, k -> new ConcurrentHashMap<>());
        ClientChannelInfo prev = m.get(member.key());
        if (prev != null && prev.clientId().equals(member.clientId())) {
            prev.touch(MonotonicClock.millis());
        } else {
            m.put(member.key(), member);
        }
    }

    public void unregister(String group, String channelKey) {
        Map<String, ClientChannelInfo> m = groups.get(group);
        if (m != null) {
            m.remove(channelKey);
            if (m.isEmpty()) {
                groups.remove(group, m);
            }
        }
    }

    public void channelClosed(String channelKey) {
        for (Map.Entry<String, ConcurrentHashMap<String, ClientChannelInfo>> e : groups.entrySet()) {
            e.getValue().remove(channelKey);
            if (e.getValue().isEmpty()) {
                groups.remove(e.getKey(), e.getValue());
            }
        }
    }

    public List<ClientChannelInfo> scanExpired(long now) {
        List<ClientChannelInfo> expired = new ArrayList<>();
        for (Map<String, ClientChannelInfo> m : groups.values()) {
            for (ClientChannelInfo c : m.values()) {
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

    public Map<String, ClientChannelInfo> group(String group) {
        Map<String, ClientChannelInfo> m = groups.get(group);
        return m == null ? Map.of() : m;
    }

    /** Any live connection of a producer group (transaction checks pick one), or null. */
    public ClientChannelInfo anyChannel(String group) {
        Map<String, ClientChannelInfo> m = groups.get(group);
        if (m == null) {
            return null;
        }
        for (ClientChannelInfo c : m.values()) {
            if (c.channel().isActive()) {
                return c;
            }
        }
        return null;
    }

    /** The connection of a client id in any producer group (request/reply), or null. */
    public ClientChannelInfo findByClientId(String clientId) {
        for (Map<String, ClientChannelInfo> m : groups.values()) {
            for (ClientChannelInfo c : m.values()) {
                if (c.clientId().equals(clientId)) {
                    return c;
                }
            }
        }
        return null;
    }
}
