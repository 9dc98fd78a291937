package io.tidemq.store;

import io.tidemq.config.ConfigException;
import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigSection;
import io.tidemq.config.ConfigKey.Origin;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

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
    @ConfigKey(doc = "Abort marker (present while the store is open, holding the machine's boot id; found at boot "
            + "it means an unclean stop, of the broker alone when the boot id is still the machine's); empty means "
            + "<storePathRootDir>/abort, where Apache keeps it.", defaultText = "<storePathRootDir>/abort",
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
    @ConfigSection
    private final FlushConfig flush = new FlushConfig();
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

    @ConfigSection
    private final RetentionConfig retention = new RetentionConfig();

    // ---------------------------------------------------------------- index

    @ConfigSection
    private final IndexConfig index = new IndexConfig();

    // ---------------------------------------------------------------- pull batches

    @ConfigSection
    private final TransferConfig transfer = new TransferConfig();

    // ---------------------------------------------------------------- replication

    @ConfigSection
    private final ReplicationConfig replication = new ReplicationConfig();

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
                    + "with RocketMQ 5's controller keys: enableControllerMode (docs/failover.md).")
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

    public FlushConfig flush() {
        return flush;
    }

    public RetentionConfig retention() {
        return retention;
    }

    public IndexConfig index() {
        return index;
    }

    public TransferConfig transfer() {
        return transfer;
    }

    public ReplicationConfig replication() {
        return replication;
    }

    /** Checks ranges and combinations; throws {@link ConfigException} naming the bad key (all problems at once). */
    public void validate() {
        List<String> problems = new ArrayList<>();
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
        retention.validateInto(problems);
        if (flush.getSyncFlushTimeout() <= 0) {
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
        ConfigException.throwIfAny(problems);
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

    public BrokerRole getBrokerRole() {
        return brokerRole;
    }

    public void setBrokerRole(BrokerRole brokerRole) {
        this.brokerRole = brokerRole;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
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

    public String getMessageDelayLevel() {
        return messageDelayLevel;
    }

    public void setMessageDelayLevel(String messageDelayLevel) {
        this.messageDelayLevel = messageDelayLevel;
    }

    public long getFlushDelayOffsetInterval() {
        return flushDelayOffsetInterval;
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
