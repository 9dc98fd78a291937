package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Turns writes off when the CommitLog disk is fuller than {@code diskSpaceWarningLevelRatio} percent (DISK_FULL) and
 * on again once it is below and a new CommitLog file fits, and the consume-queue and index folders (which may be on
 * disks of their own) have room for the next files too; after an IO error, probes the directory and re-enables
 * writes when a small write and sync work again. Reads are never affected. Called periodically by one thread.
 */
final class DiskSpaceMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceMonitor.class);

    private final RetentionConfig retention;
    private final File commitLogDir;
    private final File[] logicDirs;
    private final long commitLogFileSize;
    /** Room the consume-queue and index folders need before writes resume: a new file of each, and some. */
    private final long logicFilesRoom;
    private final DiskUsage usage;
    private final StoreHealth health;
    private volatile double lastRatio;

    DiskSpaceMonitor(MessageStoreConfig config, DiskUsage usage, StoreHealth health) {
        this.retention = config.retention();
        this.commitLogDir = new File(config.commitLogDir());
        this.logicDirs = new File[]{new File(config.consumeQueueDir()), new File(config.indexDir())};
        this.commitLogFileSize = config.getMappedFileSizeCommitLog();
        this.logicFilesRoom = Math.max(config.getMappedFileSizeConsumeQueue(),
                4L * config.index().getMaxHashSlotNum() + IndexFile.HEADER_SIZE) + 2L * 1024 * 1024;
        this.usage = usage;
        this.health = health;
    }

    /** Latest measured usage of the CommitLog disk (0..1). */
    double lastRatio() {
        return lastRatio;
    }

    void check() {
        File dir = commitLogDir;
        double ratio = usage.usedRatio(dir);
        lastRatio = ratio;
        double limit = retention.getDiskSpaceWarningLevelRatio() / 100.0;
        String fullest = ratio > limit ? String.format("CommitLog disk %.1f%% used", ratio * 100) : null;
        for (int i = 0; i < logicDirs.length && fullest == null; i++) {
            double r = usage.usedRatio(logicDirs[i]);
            if (r > limit) {
                fullest = String.format("%s disk %.1f%% used", i == 0 ? "consume-queue" : "index", r * 100);
            }
        }
        if (fullest != null) {
            health.markDiskFull(fullest + ", above diskSpaceWarningLevelRatio "
                    + retention.getDiskSpaceWarningLevelRatio() + "%");
        } else if (health.isDiskFull() && usableSpace(dir) >= commitLogFileSize && logicDirsHaveRoom()) {
            health.clearDiskFull();
        }
        if (health.isIoError() && probe(dir)) {
            health.clearIoError();
        }
    }

    private boolean logicDirsHaveRoom() {
        for (File d : logicDirs) {
            if (usableSpace(d) < logicFilesRoom) {
                return false;
            }
        }
        return true;
    }

    private static long usableSpace(File dir) {
        File d = dir;
        while (d != null && !d.exists()) {
            d = d.getParentFile();
        }
        return d == null ? 0 : d.getUsableSpace();
    }

    /** Writes, syncs and deletes a small file in the CommitLog directory; true when all of it works. */
    private static boolean probe(File dir) {
        File f = new File(dir, ".probe");
        try (FileChannel ch = FileChannel.open(f.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(new byte[512]));
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("IO probe in {} failed: {}", dir, e.toString());
            return false;
        } finally {
            try {
                Files.deleteIfExists(f.toPath());
            } catch (IOException ignored) {
                // the probe file is tiny; it goes with the next probe
            }
        }
        return true;
    }
}
