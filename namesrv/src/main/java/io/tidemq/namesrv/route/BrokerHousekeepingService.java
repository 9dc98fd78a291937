package io.tidemq.namesrv.route;

import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.RemoteChannel;

/**
 * Ties a broker's liveness to its connection: when the connection a broker registered over closes, fails or idles
 * out, the broker leaves all routes at once instead of after the 120 s expiry.
 */
public final class BrokerHousekeepingService implements ChannelEventListener {
    private final RouteInfoManager routes;

    public BrokerHousekeepingService(RouteInfoManager routes) {
        this.routes = routes;
    }

    @Override
    public void onChannelClose(String remoteAddr, RemoteChannel channel) {
        routes.onChannelDestroy(remoteAddr, channel);
    }

    @Override
    public void onChannelException(String remoteAddr, RemoteChannel channel) {
        routes.onChannelDestroy(remoteAddr, channel);
    }

    @Override
    public void onChannelIdle(String remoteAddr, RemoteChannel channel) {
        routes.onChannelDestroy(remoteAddr, channel);
    }
}
