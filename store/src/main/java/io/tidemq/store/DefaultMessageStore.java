package io.tidemq.store;

import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBrokerInner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The message store: a thin facade wiring {@link CommitLog}, the flush service of the configured mode,
 * {@link ReputDispatcher} (consume queues, index), {@link StoreRecovery}, {@link RetentionService} and
 * {@link DiskSpaceMonitor}. See the package documentation for the write and read paths.
 *
 * <p>Life cycle: {@link #load()} (lock, recover), {@link #start()}, {@link #shutdown()}; the rest is thread-safe.
 */
public class DefaultMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultMessageStore.class);

    private final MessageStoreConfig config;
    private final Clock clock;
    private final DiskUsage diskUsage;
    private final File root;
    private final StoreHealth health = new StoreHealth();
    private final StoreStats stats;
    private final LatencyTap tap = new LatencyTap();
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputDispatcher dispatcher;
    private final CommitLogFlusher flusher;
    private final QueueReader reader;
    private final DiskSpaceMonitor diskMonitor;
    private final RetentionService retention;
    private final PageWarmer warmer;
    private final Housekeeping housekeeping;
    private final MessageLookup lookup;
    private final LogTruncator truncator;
    private final QueueMaintenance maintenance;
    private StoreCheckpoint checkpoint;
    private LogicFlushService logicFlush;
    private StoreLock lock;
    private volatile boolean loaded;
    private volatile String loadFailure;
    private volatile boolean started;
    private volatile BrokerRole role;
    private volatile boolean closed;

    public DefaultMessageStore(MessageStoreConfig config) {
        this(config, Clock.systemDefaultZone(), DiskUsage.fileSystem());
    }

    /** With an injected clock (store timestamps, retention) and disk usage probe (disk-full handling). */
    public DefaultMessageStore(MessageStoreConfig config, Clock clock, DiskUsage diskUsage) {
        this(config, clock, diskUsage, io.tidemq.common.MonotonicClock::millis);
    }

    DefaultMessageStore(MessageStoreConfig config, Clock clock, DiskUsage diskUsage, LongSupplier monotonicMillis) {
        config.validate();
        this.config = config;
        this.role = config.getBrokerRole();
        this.clock = clock;
        this.stats = new StoreStats(clock.millis());
        this.diskUsage = diskUsage;
        this.root = new File(config.getStorePathRootDir());
        new StoreLayout(config).adoptApacheCommitLogLocation();
        this.commitLog = new CommitLog(config, clock, health);
        this.queues = new ConsumeQueueTable(new File(config.consumeQueueDir()), config.getMappedFileSizeConsumeQueue());
        this.index = new IndexService(config.index(), new File(config.indexDir()), clock);
        this.dispatcher = new ReputDispatcher(commitLog, queues, index,
                new DelayLevels(config.getMessageDelayLevel()), health, () -> role == BrokerRole.SLAVE);
        dispatcher.setReplicaCounter(stats::recordReplicated);
        this.flusher = CommitLogFlusher.create(config.flush(), commitLog, health, tap);
        this.reader = new QueueReader(config.transfer(), commitLog, queues, QueueReader::physicalMemory,
                () -> role == BrokerRole.SLAVE && !config.replication().isOffsetCheckInSlave());
        this.diskMonitor = new DiskSpaceMonitor(config, diskUsage, health);
        this.retention = new RetentionService(config.retention(), new File(config.commitLogDir()), clock,
                commitLog, queues, index, dispatcher, diskUsage, monotonicMillis);
        this.housekeeping = new Housekeeping(diskMonitor, retention, config.retention().getCleanResourceInterval());
        this.lookup = new MessageLookup(config.index(), commitLog, index);
        this.truncator = new LogTruncator(commitLog, queues, index, dispatcher, health, new TruncationMarker(root));
        this.maintenance = new QueueMaintenance(commitLog, queues, dispatcher);
        this.warmer = config.flush().getWarmAheadCommitLog() > 0
                ? new PageWarmer(commitLog.files(), config.flush().getWarmAheadCommitLog()) : null;
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * Locks the store directory, maps every file and recovers: after a crash (abort marker present) with full
     * verification of everything past the checkpoint. Returns false, with the reason logged, when the store is
     * locked by another process, damaged before its last durable checkpoint, or unreadable.
     */
    @Override
    public synchronized boolean load() {
        if (loaded) {
            return true;
        }
        try {
            StoreOpener.Opened opened = new StoreOpener(config, root, commitLog, queues, index, dispatcher, health)
                    .open();
            lock = opened.lock();
            checkpoint = opened.checkpoint();
            logicFlush = opened.logicFlush();
            loaded = true;
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot open the message store at {}: {}", root, e.getMessage(), e);
            loadFailure = e.getMessage();
            return false;
        }
    }

    @Override
    public String loadFailure() {
        return loadFailure;
    }

    @Override
    public synchronized void start() {
        if (!loaded) {
            throw new IllegalStateException("load() the store before starting it");
        }
        if (started) {
            return;
        }
        diskMonitor.check();
        flusher.start();
        dispatcher.start();
        if (warmer != null) {
            warmer.start();
        }
        logicFlush.start();
        housekeeping.start();
        started = true;
        health.setRunning(true);
    }

    /** Refuses new writes, flushes and dispatches everything, saves the checkpoint, removes the abort marker. */
    @Override
    public synchronized void shutdown() {
        if (closed || !loaded) {
            return;
        }
        closed = true;
        health.setRunning(false);
        housekeeping.stop();
        commitLog.stopAppends();
        if (warmer != null && started) {
            warmer.shutdown(10_000);
        }
        if (started) {
            flusher.shutdown();
            dispatcher.shutdown();
            logicFlush.shutdown();
        } else {
            commitLog.flushAll();
            dispatcher.dispatchAvailable();
        }
        boolean clean = commitLog.flushedOffset() >= commitLog.maxOffset()
                && dispatcher.dispatchedOffset() >= commitLog.maxOffset();
        logicFlush.flushOnce();
        commitLog.close();
        queues.close();
        index.close();
        checkpoint.close();
        if (clean && !health.isIoError()) {
            StoreFiles.removeAbortMarker(config);
        } else {
            LOG.warn("store shut down with unflushed or undispatched data; the next start recovers as after a crash");
        }
        lock.close();
        LOG.info("message store at {} shut down", root);
    }

    /**
     * Tests only: stops every thread without flushing or saving the checkpoint and leaves the abort marker, as a
     * process kill would (the page cache is kept, as it is by the OS).
     */
    synchronized void crashForTest() {
        closed = true;
        health.setRunning(false);
        commitLog.stopAppends();
        housekeeping.stop();
        if (warmer != null && started) {
            warmer.shutdown(10_000);
        }
        if (started) {
            ((ServiceThread) flusher).shutdownWithoutFlush();
            dispatcher.shutdownWithoutFlush();
            logicFlush.shutdownWithoutFlush();
        }
        commitLog.close();
        queues.close();
        index.close();
        checkpoint.close();
        lock.close();
    }

    @Override
    public synchronized void destroy() {
        shutdown();
        commitLog.destroy();
        queues.destroy();
        index.destroy();
        StoreFiles.deleteAll(config, root);
    }

    // ---------------------------------------------------------------- writes

    @Override
    public CompletableFuture<PutMessageResult> asyncPutMessage(MessageExtBrokerInner msg) {
        long began = clock.millis();
        long beganNanos = System.nanoTime();
        return tap.timePut(put(msg), began, beganNanos, clock, stats);
    }

    private CompletableFuture<PutMessageResult> put(MessageExtBrokerInner msg) {
        PutMessageStatus refused = health.refusal(role);
        if (refused == null && isOSPageCacheBusy()) {
            refused = PutMessageStatus.OS_PAGECACHE_BUSY;
        }
        if (refused != null) {
            stats.putMessageFailedTimes.increment();
            return CompletableFuture.completedFuture(PutMessageResult.of(refused));
        }
        PutMessageResult r = commitLog.append(msg);
        stats.record(r);
        if (!r.isOk()) {
            return CompletableFuture.completedFuture(r);
        }
        dispatcher.onAppended();
        if (warmer != null) {
            warmer.onAppended(r.appendResult().endOffset());
        }
        return flusher.afterAppend(r, msg.isWaitStoreMsgOK());
    }

    @Override
    public boolean appendToCommitLog(long startOffset, byte[] data, int off, int len) {
        if (!started || closed || health.isWriteRefused()) {
            return false;
        }
        boolean ok = commitLog.appendRaw(startOffset, data, off, len);
        if (ok) {
            dispatcher.onAppended();
            // an asynchronous flusher keeps its interval: waking it per replicated frame meant a sync per 16 KiB
            if (config.flush().getFlushDiskType() == FlushDiskType.SYNC_FLUSH) {
                flusher.wakeup();
            }
        }
        return ok;
    }

    @Override
    public SelectMappedBufferResult getCommitLogData(long offset) {
        return commitLog.readToFileEnd(offset);
    }

    @Override
    public void truncateDirtyLogicFiles(long phyOffset) {
        truncator.truncateLogic(phyOffset);
    }

    @Override
    public BrokerRole role() {
        return role;
    }

    @Override
    public synchronized boolean changeRole(BrokerRole newRole) {
        BrokerRole old = role;
        if (newRole == old) {
            return true;
        }
        if (old == BrokerRole.SLAVE && !truncator.prepareForLocalAppends(logicFlush)) {
            LOG.error("the store cannot take local writes: its replicated tail could not be cut");
            return false;
        }
        role = newRole;
        if (newRole == BrokerRole.SLAVE) {
            // an append that passed the role check before the switch holds the put lock: wait it out
            commitLog.putLock().lock();
            commitLog.putLock().unlock();
        }
        LOG.info("store role {} -> {} at CommitLog offset {}", old, newRole, commitLog.maxOffset());
        return true;
    }

    @Override
    public boolean truncateCommitLog(long phyOffset) {
        return truncator.truncateAll(phyOffset, logicFlush);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public GetMessageResult getMessage(String group, String topic, int queueId, long offset, int maxMsgNums,
                                       MessageFilter filter) {
        long began = clock.millis();
        GetMessageResult r = reader.getMessage(topic, queueId, offset, maxMsgNums, filter);
        stats.recordGet(r, clock.millis() - began);
        return r;
    }

    @Override
    public long getMaxOffsetInQueue(String topic, int queueId) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.maxOffset();
    }

    @Override
    public long getMinOffsetInQueue(String topic, int queueId) {
        ConsumeQueue cq = queues.find(topic, queueId);
        return cq == null ? 0 : cq.minOffset();
    }

    @Override
    public long getCommitLogOffsetInQueue(String topic, int queueId, long queueOffset) {
        return reader.commitLogOffset(topic, queueId, queueOffset);
    }

    @Override
    public long getOffsetInQueueByTime(String topic, int queueId, long timestamp) {
        return reader.offsetByTime(topic, queueId, timestamp);
    }

    @Override
    public long getMessageStoreTimeStamp(String topic, int queueId, long queueOffset) {
        return reader.storeTime(topic, queueId, queueOffset);
    }

    @Override
    public long getEarliestMessageTime(String topic, int queueId) {
        ConsumeQueue cq = queues.find(topic, queueId);
        if (cq == null || cq.minOffset() >= cq.maxOffset()) {
            return -1;
        }
        return reader.storeTime(topic, queueId, cq.minOffset());
    }

    @Override
    public long getEarliestMessageTime() {
        return commitLog.storeTimestampAt(commitLog.minOffset());
    }

    @Override
    public MessageExt lookMessageByOffset(long commitLogOffset) {
        return lookup.message(commitLogOffset);
    }

    /** The verified record (length, magic, own offset, body CRC) at a physical offset, or null. */
    @Override
    public SelectMappedBufferResult selectOneMessageByOffset(long commitLogOffset) {
        return lookup.record(commitLogOffset);
    }

    @Override
    public QueryMessageResult queryMessage(String topic, String key, int maxNum, long begin, long end) {
        return lookup.query(topic, key, maxNum, begin, end);
    }

    @Override
    public long getMinPhyOffset() {
        return commitLog.minOffset();
    }

    @Override
    public long getMaxPhyOffset() {
        return commitLog.maxOffset();
    }

    @Override
    public long dispatchedPhyOffset() {
        return dispatcher.dispatchedOffset();
    }

    @Override
    public long unflushedBytes() {
        return commitLog.files().unflushedBytes();
    }

    @Override
    public long dispatchBehindBytes() {
        return dispatcher.behindBytes();
    }

    // ---------------------------------------------------------------- topics, listeners, status
    @Override
    public void cleanUnusedTopics(Set<String> keep) {
        maintenance.cleanUnusedTopics(keep);
    }

    @Override
    public void deleteTopics(Set<String> topics) {
        maintenance.deleteTopics(topics);
    }

    @Override
    public int cleanExpiredConsumeQueues() {
        return maintenance.cleanExpiredConsumeQueues();
    }

    @Override
    public QueueUnits queueUnits(String topic, int queueId, long index, int count) {
        return maintenance.queueUnits(topic, queueId, index, count);
    }

    @Override
    public void setLatencyListener(StoreLatencyListener listener) {
        tap.set(listener);
    }

    @Override
    public void setMessageArrivingListener(MessageArrivingListener listener) {
        dispatcher.setListener(listener);
    }

    @Override
    public Runnable limitDispatchTo(LongSupplier confirmed) {
        dispatcher.setDispatchLimit(confirmed);
        return dispatcher::onAppended;
    }

    @Override
    public boolean isOSPageCacheBusy() {
        return commitLog.putLock().heldMillis() > config.getOsPageCacheBusyTimeOutMills();
    }

    @Override
    public String writeRefusal() {
        return health.isWriteRefused() ? health.reason() : null;
    }

    @Override
    public Map<String, String> runtimeInfo() {
        return StoreRuntimeInfo.of(this, stats, diskUsage, commitLog, dispatcher, flusher);
    }

    @Override
    public StoreCounters counters() {
        return new StoreCounters(stats.putMessageTimesTotal.sum(), stats.getFound.sum(), stats.getMiss.sum(),
                stats.getTransferred.sum());
    }

    @Override
    public MessageStoreConfig config() {
        return config;
    }

    @Override
    public long now() {
        return clock.millis();
    }

    /** The injected clock. */
    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- test hooks (package-private)

    CommitLog commitLog() {
        return commitLog;
    }

    ConsumeQueueTable queues() {
        return queues;
    }

    IndexService index() {
        return index;
    }

    /** Runs one retention pass now. */
    int runRetentionOnce() {
        return retention.runOnce();
    }

    /** Runs one disk check now. */
    void checkDiskNow() {
        diskMonitor.check();
    }

    /** Flushes queues and index and saves the checkpoint now. */
    void flushLogicsNow() {
        logicFlush.flushOnce();
    }

    /** Waits until everything written is dispatched (tests). */
    boolean awaitDispatched(long timeoutMillis) {
        return dispatcher.awaitDispatched(timeoutMillis);
    }
}
