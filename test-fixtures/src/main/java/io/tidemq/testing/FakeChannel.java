package io.tidemq.testing;

import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A connection that goes nowhere: remembers what was written and whether it was closed. */
public final class FakeChannel implements RemoteChannel {
    private final String remote;
    public final List<RemotingCommand> written = new ArrayList<>();
    public volatile boolean closed;

    public FakeChannel(String remote) {
        this.remote = remote;
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress remoteSocketAddress() {
        int colon = remote.lastIndexOf(':');
        return InetSocketAddress.createUnresolved(remote.substring(0, colon),
                Integer.parseInt(remote.substring(colon + 1)));
    }

    @Override
    public String localAddress() {
        return "127.0.0.1:9876";
    }

    @Override
    public boolean isActive() {
        return !closed;
    }

    @Override
    public void writeAndForget(RemotingCommand command) {
        written.add(command);
    }

    @Override
    public void close() {
        closed = true;
    }
}
