package io.tidemq.store;

import io.tidemq.common.config.ConfigKey;

import java.io.File;

/**
 * Every store setting, with its RocketMQ property key (the field name), default and meaning. Bound from the broker's
 * properties file by {@code ConfigBinder}; {@link #validate()} runs at start-up.
 */
public class MessageStoreConfig {
    /** Root of the store: commitlog/, consumequeue/, index/, checkpoint, abort, config/. */
    @ConfigKey(important = true)
    private String storePathRootDir = System.getProperty("user.home") + File.separator + "store";
    /** CommitLog directory; defaults to {@code <storePathRootDir>/commitlog} when empty. */
    @ConfigKey(important = true)
    private String storePathCommitLog = "";
    /** Size of one CommitLog file (also accepts the older spelling). */
    @ConfigKey(aliases = {"mapedFileSizeCommitLog"}, important = true)
    private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
    /** Size of one consume-queue file: 300,000 units of 20 bytes. */
    @ConfigKey(aliases = {"mapedFileSizeConsumeQueue"})
    private int mappedFileSizeConsumeQueue = 300_000 * 20;
    @ConfigKey(important = true)
    private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    @ConfigKey(important = true)
    private BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;
    /** ASYNC_FLUSH: interval between background flushes, ms. */
    private int flushIntervalCommitLog = 500;
    /** ASYNC_FLUSH: pages (4 KiB) that must be dirty before a periodic flush writes them. */
    private int flushCommitLogLeastPages = 4;
    /** ASYNC_FLUSH: a full flush at least this often regardless of dirty pages, ms. */
    private int flushCommitLogThoroughInterval = 10_000;
    /** Use a timed sleep rather than a wake-up for the async flusher. */
    private boolean flushCommitLogTimed = true;
    private int flushIntervalConsumeQueue = 1000;
    private int flushConsumeQueueLeastPages = 2;
    private int flushConsumeQueueThoroughInterval = 60_000;
    /** SYNC_FLUSH: how long a writer waits for its fsync before FLUSH_DISK_TIMEOUT, ms. */
    private int syncFlushTimeout = 5000;
    /** Largest record accepted, bytes. */
    private int maxMessageSize = 1024 * 1024 * 4;
    /** Hours to keep CommitLog files. */
    @ConfigKey(important = true)
    private int fileReservedTime = 72;
    /** Hours of the day (e.g. {@code 04}, or {@code 04;16}) when expired files are deleted. */
    @ConfigKey(important = true)
    private String deleteWhen = "04";
    /** Disk usage (percent) above which expired CommitLog files are deleted at any hour, not only at deleteWhen. */
    private int diskMaxUsedSpaceRatio = 75;
    /** Disk usage (percent) above which the oldest CommitLog files are deleted even before they expire. */
    private int diskSpaceCleanForciblyRatio = 85;
    /** Disk usage (percent) above which writes are refused (DISK_FULL) until space is freed; reads go on. */
    private int diskSpaceWarningLevelRatio = 90;
    /** Interval between retention checks, ms. */
    private int cleanResourceInterval = 10_000;
    /** Files deleted per retention pass. */
    private int deleteCommitLogFilesInterval = 100;
    private int deleteConsumeQueueFilesInterval = 100;
    /** A file still in use is deleted anyway after this long, ms. */
    private int destroyMapedFileIntervalForcibly = 120_000;
    private int redeleteHangedFileInterval = 120_000;
    /** Build the key index (QUERY_MESSAGE, VIEW by key). */
    private boolean messageIndexEnable = true;
    private int maxHashSlotNum = 5_000_000;
    private int maxIndexNum = 5_000_000 * 4;
    private int maxMsgsNumBatch = 64;
    /** Also index by UNIQ_KEY. */
    private boolean messageIndexSafe = false;
    private int defaultQueryMaxNum = 32;
    /** Pull batch limits while the data is in page cache / on disk. */
    private int maxTransferBytesOnMessageInMemory = 256 * 1024;
    private int maxTransferCountOnMessageInMemory = 32;
    private int maxTransferBytesOnMessageInDisk = 64 * 1024;
    private int maxTransferCountOnMessageInDisk = 8;
    /** Percent of physical RAM behind the tail beyond which data counts as "on disk". */
    private int accessMessageInMemoryMaxRatio = 40;
    /** An append holding the lock longer than this marks the page cache busy (flow control), ms. */
    private long osPageCacheBusyTimeOutMills = 1000;
    /** Verify CRCs when recovering the CommitLog. */
    private boolean checkCRCOnRecover = true;
    /** Pre-create the next CommitLog file in the background (not used; see warmAheadCommitLog). */
    private boolean warmMapedFileEnable = false;
    /**
     * ASYNC_FLUSH: append through write(2) instead of the memory mapping (SYNC_FLUSH always does, as pages written
     * that way sync several times faster).
     */
    private boolean appendThroughFileChannel = false;
    /**
     * Bytes of the current CommitLog file touched ahead of the writer by a helper thread, moving the page-fault cost
     * of a fresh file off the append path (worth it with spare cores); 0 = off.
     */
    private int warmAheadCommitLog = 0;
    /** Replication: the master's HA port; forced to listenPort + 1 by the broker. */
    private int haListenPort = 10912;
    private int haSendHeartbeatInterval = 5000;
    private int haHousekeepingInterval = 20_000;
    private int haTransferBatchSize = 32 * 1024;
    /** Slave: fixed master HA address, otherwise learned from the NameServer. */
    private String haMasterAddress = null;
    /** SYNC_MASTER: a slave further behind than this counts as unavailable, bytes. */
    private int haSlaveFallbehindMax = 256 * 1024 * 1024;
    private boolean duplicationEnable = false;
    /** Serve the queue min offset check on slaves too. */
    private boolean offsetCheckInSlave = false;
    /** Delay of each level (1..n) of delayed messages, units s, m, h, d; drives SCHEDULE_TOPIC_XXXX tags codes. */
    private String messageDelayLevel = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
    private int flushDelayOffsetInterval = 10_000;
    private boolean cleanFileForciblyEnable = true;
    private boolean transientStorePoolEnable = false;
    private boolean enableConsumeQueueExt = false;
    private boolean enableDLegerCommitLog = false;

    /** Checks ranges and fills derived defaults; throws {@code ConfigException} naming the bad key. */
    public void validate() {
        if (mappedFileSizeCommitLog < 4096) {
            throw new io.tidemq.common.config.ConfigException(
                    "mappedFileSizeCommitLog must be at least 4096, got " + mappedFileSizeCommitLog);
        }
        if (mappedFileSizeConsumeQueue < 20 || mappedFileSizeConsumeQueue % 20 != 0) {
            throw new io.tidemq.common.config.ConfigException(
                    "mappedFileSizeConsumeQueue must be a positive multiple of 20, got " + mappedFileSizeConsumeQueue);
        }
        if (maxMessageSize <= 0) {
            throw new io.tidemq.common.config.ConfigException("maxMessageSize must be positive");
        }
        if (fileReservedTime <= 0) {
            throw new io.tidemq.common.config.ConfigException("fileReservedTime must be positive (hours)");
        }
        if (diskMaxUsedSpaceRatio < 10 || diskMaxUsedSpaceRatio > 95) {
            throw new io.tidemq.common.config.ConfigException("diskMaxUsedSpaceRatio must be within 10..95");
        }
        if (diskSpaceCleanForciblyRatio < 10 || diskSpaceCleanForciblyRatio > 99) {
            throw new io.tidemq.common.config.ConfigException("diskSpaceCleanForciblyRatio must be within 10..99");
        }
        if (diskSpaceWarningLevelRatio < 10 || diskSpaceWarningLevelRatio > 99) {
            throw new io.tidemq.common.config.ConfigException("diskSpaceWarningLevelRatio must be within 10..99");
        }
        if (syncFlushTimeout <= 0) {
            throw new io.tidemq.common.config.ConfigException("syncFlushTimeout must be positive (ms)");
        }
        try {
            new DelayLevelTable(messageDelayLevel);
        } catch (RuntimeException e) {
            throw new io.tidemq.common.config.ConfigException(e.getMessage());
        }
        for (String h : deleteWhen.split(";")) {
            try {
                int hour = Integer.parseInt(h.trim());
                if (hour < 0 || hour > 23) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new io.tidemq.common.config.ConfigException(
                        "deleteWhen must be hours of day separated by ';', got '" + deleteWhen + "'");
            }
        }
    }

    /** The CommitLog directory, derived from the root when not set. */
    public String commitLogDir() {
        return storePathCommitLog == null || storePathCommitLog.isEmpty()
                ? storePathRootDir + File.separator + "commitlog" : storePathCommitLog;
    }

    public String getStorePathRootDir() {
        return storePathRootDir;
    }

    public void setStorePathRootDir(String storePathRootDir) {
        this.storePathRootDir = storePathRootDir;
    }

    public String getStorePathCommitLog() {
        return storePathCommitLog;
    }

    public void setStorePathCommitLog(String storePathCommitLog) {
        this.storePathCommitLog = storePathCommitLog;
    }

    public int getMappedFileSizeCommitLog() {
        return mappedFileSizeCommitLog;
    }

    public void setMappedFileSizeCommitLog(int mappedFileSizeCommitLog) {
        this.mappedFileSizeCommitLog = mappedFileSizeCommitLog;
    }

    public int getMappedFileSizeConsumeQueue() {
        return mappedFileSizeConsumeQueue;
    }

    public void setMappedFileSizeConsumeQueue(int mappedFileSizeConsumeQueue) {
        this.mappedFileSizeConsumeQueue = mappedFileSizeConsumeQueue;
    }

    public FlushDiskType getFlushDiskType() {
        return flushDiskType;
    }

    public void setFlushDiskType(FlushDiskType flushDiskType) {
        this.flushDiskType = flushDiskType;
    }

    public BrokerRole getBrokerRole() {
        return brokerRole;
    }

    public void setBrokerRole(BrokerRole brokerRole) {
        this.brokerRole = brokerRole;
    }

    public int getFlushIntervalCommitLog() {
        return flushIntervalCommitLog;
    }

    public void setFlushIntervalCommitLog(int flushIntervalCommitLog) {
        this.flushIntervalCommitLog = flushIntervalCommitLog;
    }

    public int getFlushCommitLogLeastPages() {
        return flushCommitLogLeastPages;
    }

    public void setFlushCommitLogLeastPages(int flushCommitLogLeastPages) {
        this.flushCommitLogLeastPages = flushCommitLogLeastPages;
    }

    public int getFlushCommitLogThoroughInterval() {
        return flushCommitLogThoroughInterval;
    }

    public void setFlushCommitLogThoroughInterval(int flushCommitLogThoroughInterval) {
        this.flushCommitLogThoroughInterval = flushCommitLogThoroughInterval;
    }

    public boolean isFlushCommitLogTimed() {
        return flushCommitLogTimed;
    }

    public void setFlushCommitLogTimed(boolean flushCommitLogTimed) {
        this.flushCommitLogTimed = flushCommitLogTimed;
    }

    public int getFlushIntervalConsumeQueue() {
        return flushIntervalConsumeQueue;
    }

    public void setFlushIntervalConsumeQueue(int flushIntervalConsumeQueue) {
        this.flushIntervalConsumeQueue = flushIntervalConsumeQueue;
    }

    public int getFlushConsumeQueueLeastPages() {
        return flushConsumeQueueLeastPages;
    }

    public void setFlushConsumeQueueLeastPages(int flushConsumeQueueLeastPages) {
        this.flushConsumeQueueLeastPages = flushConsumeQueueLeastPages;
    }

    public int getFlushConsumeQueueThoroughInterval() {
        return flushConsumeQueueThoroughInterval;
    }

    public void setFlushConsumeQueueThoroughInterval(int flushConsumeQueueThoroughInterval) {
        this.flushConsumeQueueThoroughInterval = flushConsumeQueueThoroughInterval;
    }

    public int getSyncFlushTimeout() {
        return syncFlushTimeout;
    }

    public void setSyncFlushTimeout(int syncFlushTimeout) {
        this.syncFlushTimeout = syncFlushTimeout;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

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

    public int getCleanResourceInterval() {
        return cleanResourceInterval;
    }

    public void setCleanResourceInterval(int cleanResourceInterval) {
        this.cleanResourceInterval = cleanResourceInterval;
    }

    public int getDeleteCommitLogFilesInterval() {
        return deleteCommitLogFilesInterval;
    }

    public int getDeleteConsumeQueueFilesInterval() {
        return deleteConsumeQueueFilesInterval;
    }

    public int getDestroyMapedFileIntervalForcibly() {
        return destroyMapedFileIntervalForcibly;
    }

    public int getRedeleteHangedFileInterval() {
        return redeleteHangedFileInterval;
    }

    public boolean isMessageIndexEnable() {
        return messageIndexEnable;
    }

    public void setMessageIndexEnable(boolean messageIndexEnable) {
        this.messageIndexEnable = messageIndexEnable;
    }

    public int getMaxHashSlotNum() {
        return maxHashSlotNum;
    }

    public void setMaxHashSlotNum(int maxHashSlotNum) {
        this.maxHashSlotNum = maxHashSlotNum;
    }

    public int getMaxIndexNum() {
        return maxIndexNum;
    }

    public void setMaxIndexNum(int maxIndexNum) {
        this.maxIndexNum = maxIndexNum;
    }

    public int getMaxMsgsNumBatch() {
        return maxMsgsNumBatch;
    }

    public boolean isMessageIndexSafe() {
        return messageIndexSafe;
    }

    public int getDefaultQueryMaxNum() {
        return defaultQueryMaxNum;
    }

    public void setDefaultQueryMaxNum(int defaultQueryMaxNum) {
        this.defaultQueryMaxNum = defaultQueryMaxNum;
    }

    public int getMaxTransferBytesOnMessageInMemory() {
        return maxTransferBytesOnMessageInMemory;
    }

    public int getMaxTransferCountOnMessageInMemory() {
        return maxTransferCountOnMessageInMemory;
    }

    public int getMaxTransferBytesOnMessageInDisk() {
        return maxTransferBytesOnMessageInDisk;
    }

    public int getMaxTransferCountOnMessageInDisk() {
        return maxTransferCountOnMessageInDisk;
    }

    public int getAccessMessageInMemoryMaxRatio() {
        return accessMessageInMemoryMaxRatio;
    }

    public void setAccessMessageInMemoryMaxRatio(int accessMessageInMemoryMaxRatio) {
        this.accessMessageInMemoryMaxRatio = accessMessageInMemoryMaxRatio;
    }

    public long getOsPageCacheBusyTimeOutMills() {
        return osPageCacheBusyTimeOutMills;
    }

    public void setOsPageCacheBusyTimeOutMills(long osPageCacheBusyTimeOutMills) {
        this.osPageCacheBusyTimeOutMills = osPageCacheBusyTimeOutMills;
    }

    public boolean isCheckCRCOnRecover() {
        return checkCRCOnRecover;
    }

    public void setCheckCRCOnRecover(boolean checkCRCOnRecover) {
        this.checkCRCOnRecover = checkCRCOnRecover;
    }

    public boolean isWarmMapedFileEnable() {
        return warmMapedFileEnable;
    }

    public boolean isAppendThroughFileChannel() {
        return appendThroughFileChannel;
    }

    public void setAppendThroughFileChannel(boolean appendThroughFileChannel) {
        this.appendThroughFileChannel = appendThroughFileChannel;
    }

    public int getWarmAheadCommitLog() {
        return warmAheadCommitLog;
    }

    public void setWarmAheadCommitLog(int warmAheadCommitLog) {
        this.warmAheadCommitLog = warmAheadCommitLog;
    }

    public int getHaListenPort() {
        return haListenPort;
    }

    public void setHaListenPort(int haListenPort) {
        this.haListenPort = haListenPort;
    }

    public int getHaSendHeartbeatInterval() {
        return haSendHeartbeatInterval;
    }

    public void setHaSendHeartbeatInterval(int haSendHeartbeatInterval) {
        this.haSendHeartbeatInterval = haSendHeartbeatInterval;
    }

    public int getHaHousekeepingInterval() {
        return haHousekeepingInterval;
    }

    public void setHaHousekeepingInterval(int haHousekeepingInterval) {
        this.haHousekeepingInterval = haHousekeepingInterval;
    }

    public int getHaTransferBatchSize() {
        return haTransferBatchSize;
    }

    public void setHaTransferBatchSize(int haTransferBatchSize) {
        this.haTransferBatchSize = haTransferBatchSize;
    }

    public String getHaMasterAddress() {
        return haMasterAddress;
    }

    public void setHaMasterAddress(String haMasterAddress) {
        this.haMasterAddress = haMasterAddress;
    }

    public int getHaSlaveFallbehindMax() {
        return haSlaveFallbehindMax;
    }

    public void setHaSlaveFallbehindMax(int haSlaveFallbehindMax) {
        this.haSlaveFallbehindMax = haSlaveFallbehindMax;
    }

    public boolean isOffsetCheckInSlave() {
        return offsetCheckInSlave;
    }

    public String getMessageDelayLevel() {
        return messageDelayLevel;
    }

    public void setMessageDelayLevel(String messageDelayLevel) {
        this.messageDelayLevel = messageDelayLevel;
    }

    public int getFlushDelayOffsetInterval() {
        return flushDelayOffsetInterval;
    }

    public boolean isCleanFileForciblyEnable() {
        return cleanFileForciblyEnable;
    }

    public void setCleanFileForciblyEnable(boolean cleanFileForciblyEnable) {
        this.cleanFileForciblyEnable = cleanFileForciblyEnable;
    }

    public void setMaxMsgsNumBatch(int maxMsgsNumBatch) {
        this.maxMsgsNumBatch = maxMsgsNumBatch;
    }

    public void setOffsetCheckInSlave(boolean offsetCheckInSlave) {
        this.offsetCheckInSlave = offsetCheckInSlave;
    }

    public void setMaxTransferBytesOnMessageInMemory(int v) {
        this.maxTransferBytesOnMessageInMemory = v;
    }

    public void setMaxTransferCountOnMessageInMemory(int v) {
        this.maxTransferCountOnMessageInMemory = v;
    }

    public void setMaxTransferBytesOnMessageInDisk(int v) {
        this.maxTransferBytesOnMessageInDisk = v;
    }

    public void setMaxTransferCountOnMessageInDisk(int v) {
        this.maxTransferCountOnMessageInDisk = v;
    }
}
