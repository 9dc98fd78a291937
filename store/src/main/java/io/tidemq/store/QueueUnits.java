package io.tidemq.store;

import java.util.List;

/** A window of a consume queue as QUERY_CONSUME_QUEUE shows it: its bounds and some of its units. */
public record QueueUnits(long minIndex, long maxIndex, List<Unit> units) {
    /** One unit: where the message is in the CommitLog, its size, and its tag hash (or delivery time). */
    public record Unit(long index, long phyOffset, int size, long tagsCode) {
    }
}
