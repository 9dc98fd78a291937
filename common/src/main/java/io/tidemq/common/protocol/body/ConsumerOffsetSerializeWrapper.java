package io.tidemq.common.protocol.body;

import java.util.concurrent.ConcurrentHashMap;

/** consumerOffset.json and GET_ALL_CONSUMER_OFFSET: {@code topic@group} to queueId to next offset. */
public final class ConsumerOffsetSerializeWrapper {
    public ConcurrentHashMap<String, ConcurrentHashMap<Integer, Long>> offsetTable = new ConcurrentHashMap<>();
}
