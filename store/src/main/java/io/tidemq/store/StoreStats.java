package io.tidemq.store;

import java.util.concurrent.atomic.LongAdder;

/** Append counters for the runtime figures; lock-free, updated by every writer. */
final class StoreStats {
    final LongAdder putMessageTimesTotal = new LongAdder();
    final LongAdder putMessageSizeTotal = new LongAdder();
    final LongAdder putMessageFailedTimes = new LongAdder();

    void record(PutMessageResult r) {
        if (r.isOk() && r.appendResult() != null) {
            putMessageTimesTotal.add(r.appendResult().msgNum());
            putMessageSizeTotal.add(r.appendResult().wroteBytes());
        } else {
            putMessageFailedTimes.increment();
        }
    }
}
