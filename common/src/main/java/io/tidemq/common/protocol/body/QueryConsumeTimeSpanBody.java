package io.tidemq.common.protocol.body;

import java.util.ArrayList;
import java.util.List;

/** Answer of QUERY_CONSUME_TIME_SPAN: per queue, the store times of its first, last and next-to-consume message. */
public final class QueryConsumeTimeSpanBody {
    public List<QueueTimeSpan> consumeTimeSpanSet = new ArrayList<>();

    /** One queue; the *Str members are the times as 4.9 prints them (yyyy-MM-dd#HH:mm:ss:SSS, broker's zone). */
    public static final class QueueTimeSpan {
        public MessageQueue messageQueue;
        public long minTimeStamp;
        public long maxTimeStamp;
        public long consumeTimeStamp;
        public long delayTime;
        public String minTimeStampStr;
        public String maxTimeStampStr;
        public String consumeTimeStampStr;
    }
}
