package io.tidemq.broker.client;

import io.tidemq.common.MonotonicClock;
import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.RemoteChannel;

/**
 * Forgets clients that are gone: at once when their connection closes, fails or idles, and in a periodic scan for
 * clients whose heartbeats stopped (their connections are closed then).
 */
public final class ClientHousekeeping implements ChannelEventListener {
    private final ConsumerManager consumers;
    private final ProducerManager producers;
    private final FilterServerTable filterServers;

    public ClientHousekeeping(ConsumerManager consumers, ProducerManager producers, FilterServerTable filterServers) {
        this.consumers = consumers;
        this.producers = producers;
        this.filterServers = filterServers;
    }

    @Override
    public void onChannelClose(String remoteAddr, RemoteChannel channel) {
        clientGone(remoteAddr);
    }

    @Override
    public void onChannelException(String remoteAddr, RemoteChannel channel) {
        clientGone(remoteAddr);
    }

    @Override
    public void onChannelIdle(String remoteAddr, RemoteChannel channel) {
        clientGone(remoteAddr);
    }

    private void clientGone(String remoteAddr) {
        consumers.channelClosed(remoteAddr);
        producers.channelClosed(remoteAddr);
        filterServers.channelClosed(remoteAddr);
    }

    /** Closes the connections of clients silent for longer than channelExpiredTimeout, by the monotonic clock. */
    public void scanExpired() {
        scanExpired(MonotonicClock.millis());
    }

    void scanExpired(long now) {
        for (ClientChannelInfo c : consumers.scanExpired(now)) {
            c.channel().close();
        }
        for (ClientChannelInfo c : producers.scanExpired(now)) {
            c.channel().close();
        }
        filterServers.scanExpired(now);
    }
}
