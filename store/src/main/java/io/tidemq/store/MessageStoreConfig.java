package io.tidemq.store;

import io.tidemq.config.ConfigException;
import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigKey.Origin;

import java.io.File;

/**
 * Every store setting, with its RocketMQ property key (the field name), default and meaning (see {@link ConfigKey};
 * docs/configuration.md is generated from these declarations). {@link #validate()} runs at start-up. Settings
 * marked live are volatile: the services read them at each use.
 */
public class MessageStoreConfig {
    // ---------------------------------------------------------------- paths

    @ConfigKey(doc = "Root folder of the store: commitlog/, consumequeue/, index/, checkpoint, abort, lock and the "
            + "config/ tables (topics, offsets, groups).", defaultText = "${user.home}/store", important = true)
    private String storePathRootDir = System.getProperty("user.home") + File.separator + "store";
    @ConfigKey(doc = "CommitLog folder; empty means <storePathRootDir>/commitlog. Apache's default is "
            + "${user.home}/store/commitlog whatever the root: a store moved in from Apache without this key, whose "
            + "CommitLog is there while the root holds its checkpoint or consume queues, is opened there (with a "
            + "warning); a CommitLog there beside an empty root is refused at start with a message saying so. "
            + "Apache's multi-path form (several folders separated by commas) is refused.", defaultText = "<storePathRootDir>/commitlog",
            important = true)
    private String storePathCommitLog = "";
    @ConfigKey(doc = "Consume-queue folder; empty means <storePathRootDir>/consumequeue, where Apache keeps them.",
            defaultText = "<storePathRootDir>/consumequeue", origin = Origin.TEMPLATE)
    private String storePathConsumeQueue = "";
    @ConfigKey(doc = "Index folder; empty means <storePathRootDir>/index, where Apache keeps it.",
            defaultText = "<storePathRootDir>/index", origin = Origin.TEMPLATE)
    private String storePathIndex = "";
    @ConfigKey(doc = "Checkpoint file; empty means <storePathRootDir>/checkpoint, where Apache keeps it.",
            defaultText = "<storePathRootDir>/checkpoint", origin = Origin.TEMPLATE)
    private String storeCheckpoint = "";
    @ConfigKey(doc = "Abort marker (present while the store is open; found at boot it means an unclean stop); "
            + "empty means <storePathRootDir>/abort, where Apache keeps it.", defaultText = "<storePathRootDir>/abort",
            origin = Origin.TEMPLATE)
    private String abortFile = "";
    @ConfigKey(doc = "Further CommitLog folders that Apache reads but never writes.",
            onlyDefault = "read-only CommitLog folders are not supported; their messages would not be served. Move "
                    + "the files into storePathCommitLog instead.")
    private String readOnlyCommitLogStorePaths = "";

    // ---------------------------------------------------------------- file sizes

    @ConfigKey(doc = "Size of one CommitLog file in bytes. Must match the files of an existing store.",
            important = true)
    private int mappedFileSizeCommitLog = 1024 * 1024 * 1024;
    @ConfigKey(doc = "Size of one consume-queue file in bytes (a multiple of the 20-byte unit). Must match the files "
            + "of an existing store.")
    private int mappedFileSizeConsumeQueue = 300_000 * 20;
    @ConfigKey(doc = "The spelling of mappedFileSizeCommitLog in old RocketMQ versions.",
            noEffect = "Apache 4.9.3 ignores this spelling too (its files are then 1 GiB); use mappedFileSizeCommitLog.",
            origin = Origin.TEMPLATE)
    private int mapedFileSizeCommitLog = 1024 * 1024 * 1024;
    @ConfigKey(doc = "The spelling of mappedFileSizeConsumeQueue in old RocketMQ versions.",
            noEffect = "Apache 4.9.3 ignores this spelling too; use mappedFileSizeConsumeQueue.", origin = Origin.TEMPLATE)
    private int mapedFileSizeConsumeQueue = 300_000 * 20;

    // ---------------------------------------------------------------- role and flushing

    @ConfigKey(doc = "ASYNC_MASTER, SYNC_MASTER (a send succeeds once a slave has it too) or SLAVE. Changing it with "
            + "updateBrokerConfig switches the running broker (a master made a slave becomes brokerId 1 unless a "
            + "brokerId is given).", important = true, live = true)
    private volatile BrokerRole brokerRole = BrokerRole.ASYNC_MASTER;
    @ConfigKey(doc = "ASYNC_FLUSH (page cache, flushed in the background) or SYNC_FLUSH (a send succeeds once it is "
            + "on disk; concurrent sends share one fsync).", important = true)
    private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    @ConfigKey(doc = "ASYNC_FLUSH: interval between background flushes of the CommitLog, ms.", live = true)
    private volatile int flushIntervalCommitLog = 500;
    @ConfigKey(doc = "ASYNC_FLUSH: pages (4 KiB) that must be dirty before a periodic flush writes them.",
            live = true)
    private volatile int flushCommitLogLeastPages = 4;
    @ConfigKey(doc = "ASYNC_FLUSH: a full flush at least this often regardless of dirty pages, ms.", live = true)
    private volatile int flushCommitLogThoroughInterval = 10_000;
    @ConfigKey(doc = "ASYNC_FLUSH: true sleeps flushIntervalCommitLog between flushes; false also wakes the flusher "
            + "after each append.", live = true)
    private volatile boolean flushCommitLogTimed = true;
    @ConfigKey(doc = "SYNC_FLUSH: how long a send waits for its fsync before FLUSH_DISK_TIMEOUT, ms.")
    private int syncFlushTimeout = 5000;
    @ConfigKey(doc = "Interval between flushes of consume queues and index (and of the checkpoint that vouches for "
            + "them), ms.")
    private int flushIntervalConsumeQueue = 1000;
    @ConfigKey(doc = "Dirty pages before a periodic consume-queue flush.",
            noEffect = "consume queues and index are flushed whole every flushIntervalConsumeQueue, together with "
                    + "the checkpoint, which may only claim what was flushed.")
    private int flushConsumeQueueLeastPages = 2;
    @ConfigKey(doc = "Interval of full consume-queue flushes, ms.",
            noEffect = "every consume-queue flush is a full one (see flushConsumeQueueLeastPages).")
    private int flushConsumeQueueThoroughInterval = 60_000;
    @ConfigKey(doc = "ASYNC_FLUSH: append through write(2) instead of the memory mapping (SYNC_FLUSH always does, "
            + "as pages written that way sync several times faster).", origin = Origin.TIDEMQ)
    private boolean appendThroughFileChannel = false;
    @ConfigKey(doc = "Bytes of the current CommitLog file touched ahead of the writer by a helper thread, moving the "
            + "page-fault cost of a fresh file off the append path (worth it with spare cores); 0 = off.",
            origin = Origin.TIDEMQ)
    private int warmAheadCommitLog = 0;
    @ConfigKey(doc = "Pre-touch each new CommitLog file.",
            noEffect = "TideMQ's equivalent is warmAheadCommitLog, which warms ahead of the writer instead of the "
                    + "whole file at once.")
    private boolean warmMapedFileEnable = false;
    @ConfigKey(doc = "Pages between flushes while warming a file.", noEffect = "see warmMapedFileEnable.")
    private int flushLeastPagesWhenWarmMapedFile = 1024 / 4 * 16;
    @ConfigKey(doc = "Apache: stage appends in a pool of direct buffers committed to the file in the background.",
            noEffect = "appends go straight to the page cache, where they also survive a crash of the broker "
                    + "process; the pool's gain is an Apache-specific trade-off.")
    private boolean transientStorePoolEnable = false;
    @ConfigKey(doc = "Buffers of the transient store pool.", noEffect = "see transientStorePoolEnable.")
    private int transientStorePoolSize = 5;
    @ConfigKey(doc = "Refuse sends when the transient store pool is empty.", noEffect = "see transientStorePoolEnable.")
    private boolean fastFailIfNoBufferInStorePool = false;
    @ConfigKey(doc = "Commit interval of the transient store pool, ms.", noEffect = "see transientStorePoolEnable.")
    private int commitIntervalCommitLog = 200;
    @ConfigKey(doc = "Pages before a commit of the transient store pool.", noEffect = "see transientStorePoolEnable.")
    private int commitCommitLogLeastPages = 4;
    @ConfigKey(doc = "Interval of full commits of the transient store pool, ms.",
            noEffect = "see transientStorePoolEnable.")
    private int commitCommitLogThoroughInterval = 200;
    @ConfigKey(doc = "Lock kind of the CommitLog append (Apache: true = ReentrantLock, false = spin lock).",
            noEffect = "appends always take a ReentrantLock, Apache's default; the lock kind changes no result.")
    private boolean useReentrantLockWhenPutMessage = true;
    @ConfigKey(doc = "An append holding the lock longer than this marks the page cache busy: sends are refused "
            + "with SYSTEM_BUSY until appends are fast again, ms.", live = true)
    private volatile long osPageCacheBusyTimeOutMills = 1000;
    @ConfigKey(doc = "Largest message accepted, bytes (the client's limit is separate).")
    private int maxMessageSize = 1024 * 1024 * 4;
    @ConfigKey(doc = "Verify each record's body CRC when recovering the CommitLog.")
    private boolean checkCRCOnRecover = true;

    // ---------------------------------------------------------------- retention and disk space

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

    // ---------------------------------------------------------------- index

    @ConfigKey(doc = "Build the key index (queries by key and by unique key).")
    private boolean messageIndexEnable = true;
    @ConfigKey(doc = "Hash slots of one index file.")
    private int maxHashSlotNum = 5_000_000;
    @ConfigKey(doc = "Entries of one index file.")
    private int maxIndexNum = 5_000_000 * 4;
    @ConfigKey(doc = "Largest number of messages one query by key returns.", live = true)
    private volatile int maxMsgsNumBatch = 64;
    @ConfigKey(doc = "Apache: after a crash, rebuild the index from the older of the CommitLog and index checkpoints.",
            noEffect = "recovery always rebuilds every index file that may be incomplete, which is what this mode "
                    + "asks for.")
    private boolean messageIndexSafe = false;
    @ConfigKey(doc = "Messages a query returns when the request asks for none.", live = true)
    private volatile int defaultQueryMaxNum = 32;
    @ConfigKey(doc = "Unused by Apache 4.9.3.", noEffect = "Apache 4.9.3 reads it nowhere either.")
    private int putMsgIndexHightWater = 600_000;

    // ---------------------------------------------------------------- pull batches

    @ConfigKey(doc = "Bytes one pull returns at most while the data is in the page cache.", live = true,
            important = true)
    private volatile int maxTransferBytesOnMessageInMemory = 256 * 1024;
    @ConfigKey(doc = "Messages one pull returns at most while the data is in the page cache.", live = true,
            important = true)
    private volatile int maxTransferCountOnMessageInMemory = 32;
    @ConfigKey(doc = "Bytes one pull returns at most once the data counts as on disk.", live = true, important = true)
    private volatile int maxTransferBytesOnMessageInDisk = 64 * 1024;
    @ConfigKey(doc = "Messages one pull returns at most once the data counts as on disk.", live = true,
            important = true)
    private volatile int maxTransferCountOnMessageInDisk = 8;
    @ConfigKey(doc = "Percent of physical memory behind the CommitLog's end beyond which data counts as on disk "
            + "(smaller batches; with slaveReadEnable, pulls are sent to a slave).", live = true, important = true)
    private volatile int accessMessageInMemoryMaxRatio = 40;
    @ConfigKey(doc = "Apache: record how far behind the end each pull reads, for disableConsumeIfConsumerReadSlowly.",
            live = true)
    private volatile boolean diskFallRecorded = true;

    // ---------------------------------------------------------------- replication

    @ConfigKey(doc = "Replication port of a master.",
            noEffect = "the broker always uses listenPort + 1, as Apache 4.9.3 does.")
    private int haListenPort = 10912;
    @ConfigKey(doc = "Slave: interval of its offset reports when there is nothing new, ms.")
    private int haSendHeartbeatInterval = 5000;
    @ConfigKey(doc = "A replication connection silent this long is closed, ms.")
    private int haHousekeepingInterval = 20_000;
    @ConfigKey(doc = "Master: bytes of CommitLog sent to a slave in one frame at most.")
    private int haTransferBatchSize = 32 * 1024;
    @ConfigKey(doc = "Slave: the master's replication address (host:port); empty means learnt from the NameServer.",
            important = true)
    private String haMasterAddress = null;
    @ConfigKey(doc = "SYNC_MASTER: a slave further behind than this many bytes counts as unavailable.", live = true)
    private volatile int haSlaveFallbehindMax = 256 * 1024 * 1024;
    @ConfigKey(doc = "Slave: let a pull past the queue's end move the consumer's offset (as a master does) instead "
            + "of keeping it.", live = true)
    private volatile boolean offsetCheckInSlave = false;
    @ConfigKey(doc = "Apache: dispatch only up to a confirmed offset set by an external CommitLog copier.",
            noEffect = "TideMQ has no external copier; a slave's confirmed data is what its master sent.")
    private boolean duplicationEnable = false;

    // ---------------------------------------------------------------- delay levels

    @ConfigKey(doc = "Delay of each level (1..n) of delayed messages, in s, m, h or d.")
    private String messageDelayLevel = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";
    @ConfigKey(doc = "Interval of persisting the delivery progress of delay levels (config/delayOffset.json), ms.")
    private long flushDelayOffsetInterval = 10_000;
    @ConfigKey(doc = "Apache: keep delivery statistics of delay levels.",
            noEffect = "per-level statistics are not kept; deliveries are counted with the topic's puts.")
    private boolean enableScheduleMessageStats = true;
    @ConfigKey(doc = "Apache: deliver due delayed messages asynchronously.",
            noEffect = "due messages are delivered in order by one thread per level, as Apache's synchronous mode.")
    private boolean enableScheduleAsyncDeliver = false;
    @ConfigKey(doc = "Apache: pending limit of asynchronous delivery.", noEffect = "see enableScheduleAsyncDeliver.")
    private int scheduleAsyncDeliverMaxPendingLimit = 2000;
    @ConfigKey(doc = "Apache: resends before asynchronous delivery blocks.",
            noEffect = "see enableScheduleAsyncDeliver.")
    private int scheduleAsyncDeliverMaxResendNum2Blocked = 3;

    // ---------------------------------------------------------------- consume-queue extension, light queues

    @ConfigKey(doc = "Apache: keep a consume-queue extension file (filter bit maps).",
            noEffect = "the extension only carries the bit maps of enableCalcFilterBitMap; filtering reads the tag "
                    + "codes of the consume queue itself.")
    private boolean enableConsumeQueueExt = false;
    @ConfigKey(doc = "Size of one consume-queue extension file.", noEffect = "see enableConsumeQueueExt.")
    private int mappedFileSizeConsumeQueueExt = 48 * 1024 * 1024;
    @ConfigKey(doc = "Bit-map length of the consume-queue extension.", noEffect = "see enableConsumeQueueExt.")
    private int bitMapLengthConsumeQueueExt = 64;
    @ConfigKey(doc = "Apache: light message queues (LMQ), used by RocketMQ MQTT.",
            onlyDefault = "light message queues are not supported; messages meant for them would not be dispatched.")
    private boolean enableLmq = false;
    @ConfigKey(doc = "Apache: dispatch one message to several light queues (INNER_MULTI_DISPATCH).",
            onlyDefault = "multi-dispatch is not supported; messages would reach only their own topic.")
    private boolean enableMultiDispatch = false;
    @ConfigKey(doc = "Apache: most light queues.", noEffect = "light queues are not supported (enableLmq).")
    private int maxLmqConsumeQueueNum = 20_000;

    // ---------------------------------------------------------------- DLedger

    @ConfigKey(doc = "Apache: replace the CommitLog with a DLedger (Raft) log of three replicas.",
            onlyDefault = "DLedger is not supported. Use master/slave pairs (brokerRole); automatic failover "
                    + "with RocketMQ 5's controller keys is planned and not available yet.")
    private boolean enableDLegerCommitLog = false;
    @ConfigKey(doc = "DLedger group.", noEffect = "DLedger is not supported (enableDLegerCommitLog).")
    private String dLegerGroup = null;
    @ConfigKey(doc = "DLedger peers.", noEffect = "DLedger is not supported (enableDLegerCommitLog).")
    private String dLegerPeers = null;
    @ConfigKey(doc = "DLedger id of this node.", noEffect = "DLedger is not supported (enableDLegerCommitLog).")
    private String dLegerSelfId = null;
    @ConfigKey(doc = "DLedger preferred leader.", noEffect = "DLedger is not supported (enableDLegerCommitLog).")
    private String preferredLeaderId = null;
    @ConfigKey(doc = "DLedger batch push.", noEffect = "DLedger is not supported (enableDLegerCommitLog).")
    private boolean enableBatchPush = false;

    // ---------------------------------------------------------------- diagnostics

    @ConfigKey(doc = "Apache: log slow lock holders of the store.",
            noEffect = "the append lock's hold time is reported in the runtime info (pageCacheLockTimeMills).")
    private boolean debugLockEnable = false;

    /** Checks ranges and combinations; throws {@link ConfigException} naming the bad key (all problems at once). */
    public void validate() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (mappedFileSizeCommitLog < 4096) {
            problems.add("mappedFileSizeCommitLog must be at least 4096, got " + mappedFileSizeCommitLog);
        }
        if (mappedFileSizeConsumeQueue < 20 || mappedFileSizeConsumeQueue % 20 != 0) {
            problems.add("mappedFileSizeConsumeQueue must be a positive multiple of 20, got "
                    + mappedFileSizeConsumeQueue);
        }
        if (maxMessageSize <= 0) {
            problems.add("maxMessageSize must be positive");
        }
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
        if (syncFlushTimeout <= 0) {
            problems.add("syncFlushTimeout must be positive (ms)");
        }
        if (storePathCommitLog != null && storePathCommitLog.contains(",")) {
            problems.add("storePathCommitLog='" + storePathCommitLog + "' names several folders: Apache's "
                    + "multi-path CommitLog is not supported; give one folder");
        }
        try {
            new DelayLevels(messageDelayLevel);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
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
        ConfigException.throwIfAny(problems);
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

    /** The CommitLog directory, derived from the root when not set. */
    public String commitLogDir() {
        return orUnderRoot(storePathCommitLog, "commitlog");
    }

    /** The consume-queue directory, derived from the root when not set. */
    public String consumeQueueDir() {
        return orUnderRoot(storePathConsumeQueue, "consumequeue");
    }

    /** The index directory, derived from the root when not set. */
    public String indexDir() {
        return orUnderRoot(storePathIndex, "index");
    }

    /** The checkpoint file, derived from the root when not set. */
    public String checkpointFile() {
        return orUnderRoot(storeCheckpoint, "checkpoint");
    }

    /** The abort marker, derived from the root when not set. */
    public String abortFile() {
        return orUnderRoot(abortFile, "abort");
    }

    private String orUnderRoot(String path, String name) {
        return path == null || path.isBlank() ? storePathRootDir + File.separator + name : path;
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

    public long getFlushDelayOffsetInterval() {
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

    public boolean isDiskFallRecorded() {
        return diskFallRecorded;
    }

    public void setDiskFallRecorded(boolean diskFallRecorded) {
        this.diskFallRecorded = diskFallRecorded;
    }

    public void setDeleteCommitLogFilesInterval(int deleteCommitLogFilesInterval) {
        this.deleteCommitLogFilesInterval = deleteCommitLogFilesInterval;
    }

    public void setStorePathConsumeQueue(String storePathConsumeQueue) {
        this.storePathConsumeQueue = storePathConsumeQueue;
    }

    public void setStorePathIndex(String storePathIndex) {
        this.storePathIndex = storePathIndex;
    }

    public void setStoreCheckpoint(String storeCheckpoint) {
        this.storeCheckpoint = storeCheckpoint;
    }

    public void setAbortFile(String abortFile) {
        this.abortFile = abortFile;
    }
}
