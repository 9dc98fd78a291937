package io.tidemq.remoting;

/** Told about connection life-cycle events; callbacks run on a dedicated thread, never on an I/O thread. */
public interface ChannelEventListener {
    default void onChannelConnect(String remoteAddr, RemoteChannel channel) {
    }

    default void onChannelClose(String remoteAddr, RemoteChannel channel) {
    }

    default void onChannelException(String remoteAddr, RemoteChannel channel) {
    }

    default void onChannelIdle(String remoteAddr, RemoteChannel channel) {
    }
}
