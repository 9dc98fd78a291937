package io.tidemq.common.protocol.body;

import java.util.HashMap;

/** Answer of GET_CONSUME_STATS. */
public final class ConsumeStats {
    public HashMap<MessageQueue, OffsetWrapper> offsetTable = new HashMap<>();
    public double consumeTps;
}
