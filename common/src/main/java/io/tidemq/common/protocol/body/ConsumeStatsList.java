package io.tidemq.common.protocol.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answer of GET_BROKER_CONSUME_STATS: per group (one single-entry map each), the consume stats of its topics. */
public final class ConsumeStatsList {
    public List<Map<String, List<ConsumeStats>>> consumeStatsList = new ArrayList<>();
    public String brokerAddr;
    public long totalDiff;
}
