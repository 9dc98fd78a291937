package io.tidemq.remoting;

import io.tidemq.remoting.protocol.RemotingCommand;

import java.net.SocketAddress;
import java.util.concurrent.Executor;

/**
 * A connection as the layers above remoting see it: who is on the other end, and a way to answer later
 * (long polling) without touching Netty.
 */
public interface RemoteChannel {
    /** The peer as {@code ip:port}. */
    String remoteAddress();

    SocketAddress remoteSocketAddress();

    /** The local address this connection arrived on, as {@code ip:port}. */
    String localAddress();

    boolean isActive();

    /** Writes a response (or a server-initiated oneway request) without waiting; failures are logged. */
    void writeAndForget(RemotingCommand command);

    /**
     * Like {@link #writeAndForget}, for answers that complete in groups on another thread (one group commit or one
     * acknowledgement of a slave answers several sends): the write is flushed together with the others queued for
     * this connection meanwhile, one system call for the group instead of one each.
     */
    default void writeInGroup(RemotingCommand command) {
        writeAndForget(command);
    }

    void close();

    /**
     * Runs tasks on the thread that does this connection's I/O, where an answer is written without a further
     * hand-off. For short tasks only: every connection of that thread waits for them. Inline by default.
     */
    default Executor ioThread() {
        return Runnable::run;
    }
}
