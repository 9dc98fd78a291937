package io.tidemq.store;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the figures of GET_BROKER_RUNTIME_INFO that belong to the store (all values are strings). */
final class StoreRuntimeInfo {
    private StoreRuntimeInfo() {
    }

    static Map<String, String> of(DefaultMessageStore store, StoreStats stats, DiskUsage usage, CommitLog commitLog,
                                  ReputDispatcher dispatcher, CommitLogFlusher flusher) {
        MessageStoreConfig config = store.config();
        File clDir = existing(new File(config.commitLogDir()));
        File cqDir = existing(new File(config.consumeQueueDir()));
        Map<String, String> m = new LinkedHashMap<>();
        m.put("commitLogMinOffset", Long.toString(store.getMinPhyOffset()));
        m.put("commitLogMaxOffset", Long.toString(store.getMaxPhyOffset()));
        double clRatio = usage.usedRatio(clDir);
        m.put("commitLogDiskRatio", Double.toString(clRatio));
        m.put("commitLogDiskRatio_" + config.commitLogDir(), Double.toString(clRatio));
        m.put("consumeQueueDiskRatio", Double.toString(usage.usedRatio(cqDir)));
        m.put("commitLogDirCapacity", String.format(Locale.ROOT, "Total : %s, Free : %s.",
                humanReadable(clDir.getTotalSpace()), humanReadable(clDir.getUsableSpace())));
        m.put("remainHowManyDataToFlush", humanReadable(commitLog.files().unflushedBytes()));
        m.put("earliestMessageTimeStamp", Long.toString(store.getEarliestMessageTime()));
        m.put("putMessageTimesTotal", Long.toString(stats.putMessageTimesTotal.sum()));
        m.put("putMessageSizeTotal", Long.toString(stats.putMessageSizeTotal.sum()));
        m.put("putMessageFailedTimes", Long.toString(stats.putMessageFailedTimes.sum()));
        long puts = stats.putMessageTimesTotal.sum();
        m.put("putMessageAverageSize", Double.toString(puts == 0 ? 0.0
                : stats.putMessageSizeTotal.sum() / (double) puts));
        m.put("putMessageEntireTimeMax", Long.toString(stats.putMaxMillis()));
        m.put("putMessageDistributeTime", stats.putDistribution(System.currentTimeMillis()));
        m.put("getMessageEntireTimeMax", Long.toString(stats.getMaxMillis()));
        m.put("dispatchMaxBuffer", Long.toString(dispatcher.maxDispatchedBytes()));
        // there is no transient store pool (transientStorePoolEnable has no effect): 4.9 reports this when it is off
        m.put("remainTransientStoreBufferNumbs", Integer.toString(Integer.MAX_VALUE));
        m.put("dispatchBehindBytes", Long.toString(dispatcher.behindBytes()));
        m.put("pageCacheLockTimeMills", Long.toString(commitLog.putLock().heldMillis()));
        m.put("storeWriteRefused", Boolean.toString(store.isWriteRefused()));
        if (flusher instanceof GroupCommitService g) {
            m.put("groupCommitAverageSize", String.format(Locale.ROOT, "%.2f", g.averageGroupSize()));
        }
        return m;
    }

    private static File existing(File f) {
        File d = f;
        while (d != null && !d.exists()) {
            d = d.getParentFile();
        }
        return d == null ? f : d;
    }

    /** Binary units like RocketMQ's runtime info: "512 B", "1.5 KiB", "251.9 GiB". */
    static String humanReadable(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int exp = (int) (Math.log(bytes) / Math.log(1024));
        return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, exp), "KMGTPE".charAt(exp - 1));
    }
}
