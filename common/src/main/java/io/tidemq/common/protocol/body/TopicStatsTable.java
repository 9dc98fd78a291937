package io.tidemq.common.protocol.body;

import java.util.HashMap;

/** Answer of GET_TOPIC_STATS_INFO. */
public final class TopicStatsTable {
    public HashMap<MessageQueue, TopicOffset> offsetTable = new HashMap<>();
}
