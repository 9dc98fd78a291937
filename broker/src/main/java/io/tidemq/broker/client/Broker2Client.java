package io.tidemq.broker.client;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.header.NotifyConsumerIdsChangedRequestHeader;
import io.tidemq.remoting.netty.NettyRemotingServer;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/** Requests the broker sends to its clients over their own connections. */
public final class Broker2Client implements ConsumerIdsChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(Broker2Client.class);
    private static final long ONEWAY_TIMEOUT_MILLIS = 10;

    private volatile NettyRemotingServer server;

    public void setServer(NettyRemotingServer server) {
        this.server = server;
    }

    public NettyRemotingServer server() {
        return server;
    }

    /** Tells every member of a group to rebalance now (NOTIFY_CONSUMER_IDS_CHANGED, oneway). */
    @Override
    public void changed(String group, Collection<ClientChannelInfo> members) {
        NettyRemotingServer s = server;
        if (s == null) {
            return;
        }
        for (ClientChannelInfo member : members) {
            NotifyConsumerIdsChangedRequestHeader h = new NotifyConsumerIdsChangedRequestHeader();
            h.consumerGroup = group;
            RemotingCommand request = RemotingCommand.createRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, h);
            try {
                s.invokeOneway(member.channel(), request, ONEWAY_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.debug("cannot notify {} of group {}: {}", member.clientId(), group, e.toString());
            }
        }
    }

    /** Sends a oneway request to one client; false when it could not be written. */
    public boolean sendOneway(ClientChannelInfo client, RemotingCommand request) {
        NettyRemotingServer s = server;
        if (s == null) {
            return false;
        }
        try {
            s.invokeOneway(client.channel(), request, ONEWAY_TIMEOUT_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.info("cannot send request {} to {}: {}", request.getCode(), client.clientId(), e.toString());
            return false;
        }
    }
}
