package io.tidemq.broker.processor;

import io.tidemq.store.MessageStore;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A MessageStore fake for processor tests: queues with bounds and store times set by the test; any other store
 * method fails the test, so a processor cannot touch what the test did not prepare.
 */
final class FakeStore {
    private final Map<String, long[]> bounds = new HashMap<>();
    private final Map<String, Long> storeTimes = new HashMap<>();

    /** Queue {@code topic}/{@code queueId} holds offsets [min, max). */
    FakeStore queue(String topic, int queueId, long min, long max) {
        bounds.put(topic + "@" + queueId, new long[] {min, max});
        return this;
    }

    /** The message at {@code offset} of the queue was stored at {@code time}. */
    FakeStore storedAt(String topic, int queueId, long offset, long time) {
        storeTimes.put(topic + "@" + queueId + "@" + offset, time);
        return this;
    }

    MessageStore store() {
        return (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMinOffsetInQueue" -> bound(args, 0);
                    case "getMaxOffsetInQueue" -> bound(args, 1);
                    case "getMessageStoreTimeStamp" ->
                            storeTimes.getOrDefault(args[0] + "@" + args[1] + "@" + args[2], -1L);
                    case "getEarliestMessageTime" -> storeTimes.getOrDefault(args[0] + "@" + args[1] + "@"
                            + bound(args, 0), -1L);
                    default -> throw new AssertionError("the processor used MessageStore." + method.getName());
                });
    }

    private long bound(Object[] args, int which) {
        long[] b = bounds.get(args[0] + "@" + args[1]);
        return b == null ? 0 : b[which];
    }
}
