package io.tidemq.remoting.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;

/** The Netty transport of a server or client: Java NIO, or Linux's native epoll when asked for and available. */
enum Transport {
    NIO, EPOLL;

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    /** EPOLL when {@code epollWanted} and the native library loads here; NIO otherwise (with a warning if wanted). */
    static Transport choose(boolean epollWanted) {
        if (!epollWanted) {
            return NIO;
        }
        if (Epoll.isAvailable()) {
            return EPOLL;
        }
        LOG.warn("useEpollNativeSelector=true but epoll is not available here ({}); using Java NIO",
                Epoll.unavailabilityCause() == null ? "not Linux" : Epoll.unavailabilityCause().toString());
        return NIO;
    }

    EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        return this == EPOLL ? new EpollEventLoopGroup(threads, threadFactory)
                : new NioEventLoopGroup(threads, threadFactory);
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> channel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
