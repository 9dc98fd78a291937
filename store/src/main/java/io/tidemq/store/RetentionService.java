package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Deletes old CommitLog files and then trims consume queues and index to match (their min offsets move forward).
 * <ul>
 *   <li>A file has expired {@code fileReservedTime} hours after its newest record (bounded by the first record of
 *       the next file); expired files go during a {@code deleteWhen} hour,</li>
 *   <li>or at any hour once the disk is fuller than {@code diskMaxUsedSpaceRatio} percent,</li>
 *   <li>and above {@code diskSpaceCleanForciblyRatio} percent (with {@code cleanFileForciblyEnable}) the oldest
 *       files go even unexpired.</li>
 * </ul>
 * The newest file and files not yet dispatched are never deleted. Time comes from the injected clock.
 * <p>
 * A file's age is its age on the wall clock when this service first looked at it, plus the time the monotonic clock
 * has counted since: a wall clock stepped forward (a VM booted with a stale clock that NTP corrects, an operator's
 * {@code date -s}) does not make fresh files look days old and delete them, and one stepped back does not keep
 * expired files for the length of the step. A step before the first look (before a restart) is not seen.
 */
final class RetentionService {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
    /** Files removed per pass at most, so one pass never stalls the scheduler for long. */
    static final int DELETE_FILES_BATCH_MAX = 10;

    private final RetentionConfig retention;
    private final File commitLogDir;
    private final Clock clock;
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputDispatcher dispatcher;
    private final DiskUsage usage;
    private final LongSupplier monotonicMillis;
    /** CommitLog file start -> (wall-clock age, monotonic reading) when first looked at. Retention thread only. */
    private final Map<Long, long[]> firstLooks = new HashMap<>();

    RetentionService(RetentionConfig retention, File commitLogDir, Clock clock, CommitLog commitLog, ConsumeQueueTable queues,
                     IndexService index, ReputDispatcher dispatcher, DiskUsage usage, LongSupplier monotonicMillis) {
        this.retention = retention;
        this.commitLogDir = commitLogDir;
        this.clock = clock;
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
        this.usage = usage;
        this.monotonicMillis = monotonicMillis;
    }

    /** One retention pass; returns how many CommitLog files were deleted. Serialized. */
    synchronized int runOnce() {
        long now = clock.millis();
        double ratio = usage.usedRatio(commitLogDir);
        boolean timeUp = isDeleteHour(now);
        boolean spaceLow = ratio > retention.getDiskMaxUsedSpaceRatio() / 100.0;
        boolean forcibly = retention.isCleanFileForciblyEnable()
                && ratio > retention.getDiskSpaceCleanForciblyRatio() / 100.0;
        int deleted = 0;
        lookAt(commitLog.files().snapshot(), now);
        if (timeUp || spaceLow || forcibly) {
            deleted = deleteCommitLogFiles(forcibly);
            if (deleted > 0) {
                LOG.info("retention deleted {} CommitLog file(s) (deleteWhen hour: {}, disk {}% used, forcibly: {});"
                        + " min offset now {}", deleted, timeUp, Math.round(ratio * 100), forcibly,
                        commitLog.minOffset());
            }
        }
        long minPhy = commitLog.minOffset();
        queues.deleteExpired(minPhy);
        index.deleteExpired(minPhy);
        return deleted;
    }

    private int deleteCommitLogFiles(boolean forcibly) {
        MappedFile[] fs = commitLog.files().snapshot();
        long reserveMillis = retention.getFileReservedTime() * 3_600_000L;
        long dispatched = dispatcher.dispatchedOffset();
        int n = 0;
        for (int i = 0; i < fs.length - 1 && n < DELETE_FILES_BATCH_MAX; i++) {
            MappedFile f = fs[i];
            if (f.fileFromOffset() + f.fileSize() > dispatched) {
                break;
            }
            boolean expired = ageMillis(f) >= reserveMillis;
            if (!expired && !forcibly) {
                break;
            }
            n++;
        }
        // one file at a time with deleteCommitLogFilesInterval between, as Apache spreads the unlink I/O
        int deleted = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && !pause(retention.getDeleteCommitLogFilesInterval())) {
                break;
            }
            deleted += commitLog.files().deleteFirst(1);
        }
        return deleted;
    }

    /** Notes the wall-clock age of files seen for the first time; forgets deleted ones. */
    private void lookAt(MappedFile[] fs, long now) {
        long mono = monotonicMillis.getAsLong();
        long min = fs.length == 0 ? Long.MAX_VALUE : fs[0].fileFromOffset();
        firstLooks.keySet().removeIf(start -> start < min);
        for (int i = 0; i < fs.length - 1; i++) {
            long start = fs[i].fileFromOffset();
            if (!firstLooks.containsKey(start)) {
                // the file's newest record is bounded by the first record of the next file
                long newest = commitLog.storeTimestampAt(fs[i + 1].fileFromOffset());
                if (newest > 0) {
                    firstLooks.put(start, new long[]{now - newest, mono});
                }
            }
        }
    }

    /** The file's age (see the class comment), or Long.MIN_VALUE when its newest record is unknown. */
    private long ageMillis(MappedFile f) {
        long[] look = firstLooks.get(f.fileFromOffset());
        return look == null ? Long.MIN_VALUE : look[0] + (monotonicMillis.getAsLong() - look[1]);
    }

    /** Sleeps between two deletions; false when interrupted (the store is shutting down). */
    private static boolean pause(int millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isDeleteHour(long now) {
        int hour = Instant.ofEpochMilli(now).atZone(clock.getZone()).getHour();
        for (String h : retention.getDeleteWhen().split(";")) {
            try {
                if (Integer.parseInt(h.trim()) == hour) {
                    return true;
                }
            } catch (NumberFormatException ignored) {
                // validate() rejects such values at start-up
            }
        }
        return false;
    }
}
