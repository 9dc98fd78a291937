package io.tidemq.common.protocol.body;

import io.tidemq.common.protocol.heartbeat.SubscriptionData;

import java.util.ArrayList;
import java.util.List;

/** Answer of QUERY_CONSUME_QUEUE: the queue's bounds, some of its units, and the group's subscription to it. */
public final class QueryConsumeQueueResponseBody {
    public SubscriptionData subscriptionData;
    public String filterData;
    public List<ConsumeQueueData> queueData = new ArrayList<>();
    public long maxQueueIndex;
    public long minQueueIndex;

    /** One consume-queue unit; the extension fields stay empty (there is no consume-queue extension). */
    public static final class ConsumeQueueData {
        public long physicOffset;
        public int physicSize;
        public long tagsCode;
        public String extendDataJson;
        public String bitMap;
        public boolean eval;
        public String msg;
    }
}
