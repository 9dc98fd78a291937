package io.tidemq.broker.client;

import io.tidemq.remoting.RemoteChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Filter servers that registered with REGISTER_FILTER_SERVER, by connection: the broker publishes their addresses
 * with its registration (the route's filterServerTable) and forgets one whose connection closes or that has not
 * re-registered for 30 seconds. TideMQ runs no filter servers itself (filterServerNums has no effect).
 */
public final class FilterServerTable {
    static final long EXPIRY_MILLIS = 30_000;

    private record Entry(RemoteChannel channel, String address, long lastUpdate) {
    }

    private final Map<String, Entry> byChannel = new ConcurrentHashMap<>();

    /** Registers or refreshes; the address first given on a connection stays. */
    public void register(RemoteChannel channel, String address, long now) {
        byChannel.merge(channel.remoteAddress(), new Entry(channel, address, now),
                (old, fresh) -> new Entry(old.channel(), old.address(), now));
    }

    public void channelClosed(String remoteAddr) {
        byChannel.remove(remoteAddr);
    }

    /** Drops and closes the connections of filter servers silent for longer than the expiry. */
    public void scanExpired(long now) {
        byChannel.values().removeIf(e -> {
            if (now - e.lastUpdate() > EXPIRY_MILLIS) {
                e.channel().close();
                return true;
            }
            return false;
        });
    }

    public List<String> addresses() {
        List<String> out = new ArrayList<>();
        byChannel.values().forEach(e -> out.add(e.address()));
        return out;
    }
}
