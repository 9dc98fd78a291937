package io.tidemq.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Opens a store's files: locks the directory, checks where the CommitLog lives, maps every file and recovers (after
 * a crash, marked by the abort file, with full verification of everything past the checkpoint). On failure it
 * releases what it opened and throws, saying why.
 */
final class StoreOpener {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreOpener.class);
    /** What an opened store holds beyond its files: the directory lock, the checkpoint and the logic flusher. */
    record Opened(StoreLock lock, StoreCheckpoint checkpoint, LogicFlushService logicFlush) {
    }

    private final MessageStoreConfig config;
    private final File root;
    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputDispatcher dispatcher;
    private final StoreHealth health;

    StoreOpener(MessageStoreConfig config, File root, CommitLog commitLog, ConsumeQueueTable queues,
                IndexService index, ReputDispatcher dispatcher, StoreHealth health) {
        this.config = config;
        this.root = root;
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
        this.health = health;
    }

    Opened open() throws IOException {
        StoreLock lock = null;
        StoreCheckpoint checkpoint = null;
        try {
            Files.createDirectories(root.toPath());
            lock = StoreLock.acquire(root);
            StoreLayout layout = new StoreLayout(config);
            layout.checkCommitLogLocation();
            layout.warnAboutTemplatePaths();
            File abort = new File(config.abortFile());
            File foreignAbort = layout.foreignAbortMarker();
            boolean abnormal = abort.exists() || foreignAbort != null;
            String boot = HostBoot.id();
            boolean machineSurvived = abnormal && foreignAbort == null && !boot.isEmpty()
                    && boot.equals(HostBoot.recordedIn(abort.toPath()));
            if (abnormal) {
                LOG.info(machineSurvived ? "the last run stopped without a clean shutdown on this same boot of the"
                        + " machine: what it wrote to its mapped files is whole" : "the last run stopped without a"
                        + " clean shutdown, perhaps with the machine: files written after the checkpoint are checked"
                        + " or rebuilt");
            }
            StoreFiles.createParent(abort);
            StoreFiles.createParent(new File(config.checkpointFile()));
            if (!abort.exists() && !abort.createNewFile()) {
                throw new IOException("cannot create " + abort);
            }
            HostBoot.recordIn(abort.toPath());
            commitLog.files().load();
            queues.load();
            index.load();
            checkpoint = new StoreCheckpoint(new File(config.checkpointFile()));
            TruncationMarker cut = new TruncationMarker(root);
            new StoreRecovery(commitLog, queues, index, dispatcher, checkpoint, config.isCheckCRCOnRecover(),
                    cut.read()).recover(abnormal, machineSurvived);
            cut.clear();
            if (foreignAbort != null) {
                // its unclean stop has just been recovered from; our own marker now stands for this run
                Files.deleteIfExists(foreignAbort.toPath());
            }
            return new Opened(lock, checkpoint, new LogicFlushService(commitLog, queues, index, dispatcher,
                    checkpoint, health, config.flush().getFlushIntervalConsumeQueue()));
        } catch (IOException | RuntimeException e) {
            commitLog.close();
            queues.close();
            index.close();
            if (checkpoint != null) {
                checkpoint.close();
            }
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }
}
