package io.tidemq.store;

import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigKey.Origin;

import java.util.List;

/**
 * How long files are kept and what happens when the disk fills: the daily deletion, the space thresholds, forced
 * cleaning. Part of {@link MessageStoreConfig}, under the same property keys.
 */
public final class RetentionConfig {
    @ConfigKey(doc = "Hours a CommitLog file is kept after its newest message.", live = true, important = true)
    private volatile int fileReservedTime = 72;
    @ConfigKey(doc = "Hours of the day (e.g. 04, or 04;16) when expired files are deleted.", live = true,
            important = true)
    private volatile String deleteWhen = "04";
    @ConfigKey(doc = "Disk usage (percent, 10..95) above which expired CommitLog files are deleted at any hour, not "
            + "only at deleteWhen.", live = true)
    private volatile int diskMaxUsedSpaceRatio = 75;
    @ConfigKey(doc = "Disk usage (percent) above which the oldest CommitLog files are deleted even before they "
            + "expire (with cleanFileForciblyEnable). Apache 4.9 reads it from the system property "
            + "rocketmq.broker.diskSpaceCleanForciblyRatio (a fraction), honoured here as the default.",
            defaultText = "85", origin = Origin.ROCKETMQ5, live = true)
    private volatile int diskSpaceCleanForciblyRatio = fromApacheRatioProperty(
            "rocketmq.broker.diskSpaceCleanForciblyRatio", 85);
    @ConfigKey(doc = "Disk usage (percent) above which writes are refused with a message naming the disk and the "
            + "threshold; reads go on, and writes resume by themselves once space is freed. Apache 4.9 reads it "
            + "from the system property rocketmq.broker.diskSpaceWarningLevelRatio, honoured as the default.",
            defaultText = "90", origin = Origin.ROCKETMQ5, live = true)
    private volatile int diskSpaceWarningLevelRatio = fromApacheRatioProperty(
            "rocketmq.broker.diskSpaceWarningLevelRatio", 90);
    @ConfigKey(doc = "Allow deleting unexpired files when the disk is fuller than diskSpaceCleanForciblyRatio.",
            live = true)
    private volatile boolean cleanFileForciblyEnable = true;
    @ConfigKey(doc = "Interval between retention checks, ms.")
    private int cleanResourceInterval = 10_000;
    @ConfigKey(doc = "Pause between deleting two CommitLog files in one retention pass, ms (spreads the I/O).",
            live = true)
    private volatile int deleteCommitLogFilesInterval = 100;
    @ConfigKey(doc = "Pause between deleting two consume-queue files, ms.",
            noEffect = "consume-queue files are small (6 MB) and go in the same pass as their CommitLog.")
    private int deleteConsumeQueueFilesInterval = 100;
    @ConfigKey(doc = "A file still read is unmapped anyway after this long, ms.",
            noEffect = "a deleted file is unmapped when its last reader releases it, so no reader can fault and "
                    + "nothing needs forcing.")
    private int destroyMapedFileIntervalForcibly = 120_000;
    @ConfigKey(doc = "Retry interval for a file whose deletion hung, ms.", noEffect = "see destroyMapedFileIntervalForcibly.")
    private int redeleteHangedFileInterval = 120_000;

    public int getFileReservedTime() {
        return fileReservedTime;
    }

    public void setFileReservedTime(int fileReservedTime) {
        this.fileReservedTime = fileReservedTime;
    }

    public String getDeleteWhen() {
        return deleteWhen;
    }

    public void setDeleteWhen(String deleteWhen) {
        this.deleteWhen = deleteWhen;
    }

    public int getDiskMaxUsedSpaceRatio() {
        return diskMaxUsedSpaceRatio;
    }

    public void setDiskMaxUsedSpaceRatio(int diskMaxUsedSpaceRatio) {
        this.diskMaxUsedSpaceRatio = diskMaxUsedSpaceRatio;
    }

    public int getCleanResourceInterval() {
        return cleanResourceInterval;
    }

    public void setCleanResourceInterval(int cleanResourceInterval) {
        this.cleanResourceInterval = cleanResourceInterval;
    }

    public int getDeleteCommitLogFilesInterval() {
        return deleteCommitLogFilesInterval;
    }

    public boolean isCleanFileForciblyEnable() {
        return cleanFileForciblyEnable;
    }

    public void setCleanFileForciblyEnable(boolean cleanFileForciblyEnable) {
        this.cleanFileForciblyEnable = cleanFileForciblyEnable;
    }

    public void setDeleteCommitLogFilesInterval(int deleteCommitLogFilesInterval) {
        this.deleteCommitLogFilesInterval = deleteCommitLogFilesInterval;
    }

    public int getDiskSpaceCleanForciblyRatio() {
        return diskSpaceCleanForciblyRatio;
    }

    public void setDiskSpaceCleanForciblyRatio(int diskSpaceCleanForciblyRatio) {
        this.diskSpaceCleanForciblyRatio = diskSpaceCleanForciblyRatio;
    }

    public int getDiskSpaceWarningLevelRatio() {
        return diskSpaceWarningLevelRatio;
    }

    public void setDiskSpaceWarningLevelRatio(int diskSpaceWarningLevelRatio) {
        this.diskSpaceWarningLevelRatio = diskSpaceWarningLevelRatio;
    }

    /** Adds what is wrong with the retention settings to {@code problems}. */
    void validateInto(List<String> problems) {
        if (fileReservedTime <= 0) {
            problems.add("fileReservedTime must be positive (hours)");
        }
        if (diskMaxUsedSpaceRatio < 10 || diskMaxUsedSpaceRatio > 95) {
            problems.add("diskMaxUsedSpaceRatio must be within 10..95, got " + diskMaxUsedSpaceRatio);
        }
        if (diskSpaceCleanForciblyRatio < 10 || diskSpaceCleanForciblyRatio > 99) {
            problems.add("diskSpaceCleanForciblyRatio must be within 10..99, got " + diskSpaceCleanForciblyRatio);
        }
        if (diskSpaceWarningLevelRatio < 10 || diskSpaceWarningLevelRatio > 99) {
            problems.add("diskSpaceWarningLevelRatio must be within 10..99, got " + diskSpaceWarningLevelRatio);
        }
        for (String h : deleteWhen.split(";")) {
            try {
                int hour = Integer.parseInt(h.trim());
                if (hour < 0 || hour > 23) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add("deleteWhen must be hours of day separated by ';', got '" + deleteWhen + "'");
                break;
            }
        }
    }

    /**
     * Apache 4.9 reads two disk thresholds from system properties as fractions ("0.90"); they set our defaults so
     * that a JVM option carried over from an Apache start script keeps its meaning.
     */
    private static int fromApacheRatioProperty(String property, int defaultPercent) {
        String v = System.getProperty(property);
        if (v == null) {
            return defaultPercent;
        }
        try {
            return (int) Math.round(Double.parseDouble(v.trim()) * 100);
        } catch (NumberFormatException e) {
            return defaultPercent;
        }
    }
}
