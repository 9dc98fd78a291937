package io.tidemq.common.protocol.body;

import java.util.HashMap;
import java.util.Map;

/**
 * GET_CONSUMER_STATUS_FROM_CLIENT's answer (one client's offsets, in messageQueueTable) and
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS's (every client's, by client id, in consumerTable).
 */
public final class GetConsumerStatusBody {
    public Map<MessageQueue, Long> messageQueueTable = new HashMap<>();
    public Map<String, Map<MessageQueue, Long>> consumerTable = new HashMap<>();
}
