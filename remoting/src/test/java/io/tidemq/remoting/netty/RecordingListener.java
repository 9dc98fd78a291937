package io.tidemq.remoting.netty;

import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.RemoteChannel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every connection event with the thread it was delivered on. */
final class RecordingListener implements ChannelEventListener {
    record Event(String type, String remoteAddr, RemoteChannel channel, String thread) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();

    private void record(String type, String addr, RemoteChannel channel) {
        events.add(new Event(type, addr, channel, Thread.currentThread().getName()));
    }

    List<Event> of(String type) {
        return events.stream().filter(e -> e.type.equals(type)).toList();
    }

    @Override
    public void onChannelConnect(String remoteAddr, RemoteChannel channel) {
        record("connect", remoteAddr, channel);
    }

    @Override
    public void onChannelClose(String remoteAddr, RemoteChannel channel) {
        record("close", remoteAddr, channel);
    }

    @Override
    public void onChannelException(String remoteAddr, RemoteChannel channel) {
        record("exception", remoteAddr, channel);
    }

    @Override
    public void onChannelIdle(String remoteAddr, RemoteChannel channel) {
        record("idle", remoteAddr, channel);
    }
}
