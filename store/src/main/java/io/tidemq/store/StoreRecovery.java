package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Brings the store to a consistent state at start-up, after a clean shutdown or a crash at any byte:
 * <ol>
 *   <li>CommitLog: scans (deep checks: length, magic, body CRC, own offset, UTF-8) from the file holding the older
 *       checkpoint offset, cuts at the first record that does not verify and zeroes everything behind it. A bad
 *       record before the checkpoint's flushed offset means acknowledged data was damaged: the store refuses to
 *       open instead of dropping it.</li>
 *   <li>Index: drops files that may be torn (after a crash the newest one; always those indexing past the cut).</li>
 *   <li>Consume queues: drop units that are torn or point past the durable dispatch point or the CommitLog end.</li>
 *   <li>Re-dispatches from the earliest point any of them needs, synchronously, then restores the per-queue offset
 *       counters from the queues and moves min offsets past deleted data.</li>
 * </ol>
 * A cut that a crash interrupted (see {@link TruncationMarker}) is finished first: nothing at or past its offset is
 * trusted or kept, whatever the checkpoint said before the cut.
 * Single-threaded: runs before any service starts.
 */
final class StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    private final CommitLog commitLog;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final ReputDispatcher dispatcher;
    private final StoreCheckpoint checkpoint;
    private final boolean deepCheck;
    private final long cutAt;

    StoreRecovery(CommitLog commitLog, ConsumeQueueTable queues, IndexService index, ReputDispatcher dispatcher,
                  StoreCheckpoint checkpoint, boolean deepCheck, OptionalLong unfinishedCut) {
        this.commitLog = commitLog;
        this.queues = queues;
        this.index = index;
        this.dispatcher = dispatcher;
        this.checkpoint = checkpoint;
        this.deepCheck = deepCheck;
        this.cutAt = unfinishedCut.orElse(Long.MAX_VALUE);
    }

    /**
     * {@code machineSurvived}: the crash was this process's alone (same boot of the machine), so the files it wrote
     * are whole up to where it stopped and the newest index file is cut back rather than rebuilt from its start.
     */
    void recover(boolean abnormal, boolean machineSurvived) throws IOException {
        long flushed = Math.min(cutAt, checkpoint.hasOffsets() ? checkpoint.physicFlushedOffset() : 0);
        long dispatchedFlushed = Math.min(cutAt, checkpoint.hasOffsets() ? checkpoint.dispatchedFlushedOffset() : 0);
        if (cutAt != Long.MAX_VALUE) {
            LOG.warn("a cut of the store at {} was interrupted by a crash: finishing it", cutAt);
        }
        long scanFrom = Math.min(flushed, dispatchedFlushed);
        if (checkpoint.isForeign()) {
            // A store written by Apache RocketMQ: its checkpoint holds timestamps only. Its consume queues are
            // written in CommitLog order by one thread, so their furthest end is how far dispatch got; everything
            // before the third-newest CommitLog file is trusted, as Apache's own recovery trusts it.
            queues.recover(Long.MAX_VALUE, abnormal);
            dispatchedFlushed = Math.max(0, queues.maxPhysicEnd());
            scanFrom = Math.min(dispatchedFlushed, thirdNewestFileStart());
            LOG.info("store written by another implementation ({} shutdown): consume queues reach CommitLog offset "
                    + "{}; verifying the CommitLog from {}", abnormal ? "abnormal" : "clean", dispatchedFlushed,
                    scanFrom);
        }
        long end = recoverCommitLog(scanFrom, flushed);
        long cut = Math.min(dispatchedFlushed, end);
        long redispatchFrom = Math.min(cut, index.dropUntrusted(cut, abnormal, machineSurvived));
        if (end > commitLog.minOffset() && queues.all().isEmpty()) {
            // The consume queues were deleted (an operator forcing a rebuild): build them from the whole log.
            redispatchFrom = commitLog.minOffset();
        }
        queues.recover(cut, abnormal);
        long from = Math.max(redispatchFrom, commitLog.minOffset());
        dispatcher.setReputFromOffset(from);
        dispatcher.dispatchAvailable();
        if (dispatcher.dispatchedOffset() < end) {
            LOG.warn("recovery dispatched only up to {} of {}", dispatcher.dispatchedOffset(), end);
        }
        QueueOffsetTable counters = commitLog.queueOffsets();
        counters.clear();
        for (ConsumeQueue cq : queues.all()) {
            counters.set(cq.topic(), cq.queueId(), cq.maxOffset());
        }
        queues.correctMinOffsets(commitLog.minOffset());
        commitLog.files().resetFlushedTo(Math.min(flushed, end));
        commitLog.flushAll();
        queues.flushAll();
        index.flush();
        checkpoint.save(commitLog.flushedOffset(), dispatcher.dispatchedOffset(), dispatcher.lastDispatchedTimestamp());
        LOG.info("store recovered ({} shutdown): CommitLog [{}, {}), re-dispatched from {}, {} consume queues",
                abnormal ? "abnormal" : "clean", commitLog.minOffset(), end, from, queues.all().size());
    }

    private long thirdNewestFileStart() {
        MappedFile[] fs = commitLog.files().snapshot();
        return fs.length == 0 ? 0 : fs[Math.max(0, fs.length - 3)].fileFromOffset();
    }

    /** Finds the end of the valid CommitLog, cuts it there and returns it. */
    long recoverCommitLog(long scanFrom, long durable) throws IOException {
        MappedFileQueue files = commitLog.files();
        MappedFile[] fs = files.snapshot();
        if (fs.length == 0) {
            if (durable > 0) {
                throw new StoreCorruptionException("the checkpoint says the CommitLog was flushed up to " + durable
                        + " but " + files.dir() + " holds no file");
            }
            return 0;
        }
        int fileSize = files.fileSize();
        int i = 0;
        while (i < fs.length - 1 && fs[i].fileFromOffset() + fileSize <= scanFrom) {
            i++;
        }
        RecordChecker checker = new RecordChecker();
        long end = -1;
        scan:
        for (; i < fs.length; i++) {
            MappedFile f = fs[i];
            int pos = 0;
            while (pos < fileSize) {
                int r = checker.check(f.mapped(), pos, fileSize, fileSize, f.fileFromOffset() + pos, deepCheck);
                if (r > 0) {
                    if (f.fileFromOffset() + pos + r > cutAt) {
                        end = f.fileFromOffset() + pos;
                        break scan;
                    }
                    pos += r;
                } else if (r == RecordChecker.BLANK) {
                    pos = fileSize;
                } else {
                    end = f.fileFromOffset() + pos;
                    break scan;
                }
            }
        }
        if (end < 0) {
            end = fs[fs.length - 1].fileFromOffset() + fileSize;
        }
        end = Math.min(end, Math.max(cutAt, files.minOffset()));
        if (end < durable) {
            throw new StoreCorruptionException("CommitLog record at offset " + end + " does not verify, but the"
                    + " checkpoint says everything up to " + durable + " was flushed: acknowledged data is damaged."
                    + " Refusing to truncate it; inspect " + files.dir() + " (restore the files, or delete the"
                    + " checkpoint file to accept truncation at " + end + ")");
        }
        if (end < files.maxOffset() || end < fs[fs.length - 1].fileFromOffset() + fileSize) {
            LOG.info("CommitLog ends at {}; cutting what follows", end);
        }
        files.truncateFrom(end, true);
        return end;
    }
}
