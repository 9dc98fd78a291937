package io.tidemq.broker.client;

import io.tidemq.common.MonotonicClock;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.LanguageCode;

/**
 * One client connection as a group member: its channel, id, language, version and last heartbeat time (on the
 * {@link MonotonicClock}).
 */
public final class ClientChannelInfo {
    private final RemoteChannel channel;
    private final String clientId;
    private final LanguageCode language;
    private final int version;
    private volatile long lastUpdateTimestamp = MonotonicClock.millis();

    public ClientChannelInfo(RemoteChannel channel, String clientId, LanguageCode language, int version) {
        this.channel = channel;
        this.clientId = clientId;
        this.language = language;
        this.version = version;
    }

    public RemoteChannel channel() {
        return channel;
    }

    /** The key of this connection in group tables: the peer's {@code ip:port}, unique per connection. */
    public String key() {
        return channel.remoteAddress();
    }

    public String clientId() {
        return clientId;
    }

    public LanguageCode language() {
        return language;
    }

    public int version() {
        return version;
    }

    public long lastUpdateTimestamp() {
        return lastUpdateTimestamp;
    }

    public void touch(long now) {
        lastUpdateTimestamp = now;
    }
}
