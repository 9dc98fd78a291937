package io.tidemq.common.protocol.body;

import java.util.ArrayList;
import java.util.List;

/** Answer to GET_BROKER_EPOCH_CACHE: the master epochs a broker's log went through, and where each began. */
public final class EpochEntryCache {
    public String clusterName;
    public String brokerName;
    public long brokerId;
    public List<EpochEntry> epochList = new ArrayList<>();
    public long maxOffset;

    /** One epoch: from {@code startOffset} to {@code endOffset} (exclusive; the log end for the newest). */
    public static final class EpochEntry {
        public int epoch;
        public long startOffset;
        public long endOffset;

        public EpochEntry() {
        }

        public EpochEntry(int epoch, long startOffset, long endOffset) {
            this.epoch = epoch;
            this.startOffset = startOffset;
            this.endOffset = endOffset;
        }
    }
}
