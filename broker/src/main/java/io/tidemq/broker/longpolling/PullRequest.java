package io.tidemq.broker.longpolling;

import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageFilter;

/** A pull that found nothing and waits for a message (or its timeout). */
public record PullRequest(RemotingCommand request, RemoteChannel channel, long suspendTimestamp,
                          long timeoutMillis, long pullFromThisOffset, MessageFilter filter) {
    boolean expired(long now) {
        return now >= suspendTimestamp + timeoutMillis;
    }
}
