package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One scheduler thread for periodic chores: the disk check every second, retention every cleanResourceInterval. */
final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final DiskSpaceMonitor diskMonitor;
    private final RetentionService retention;
    private final int retentionIntervalMillis;
    private ScheduledExecutorService scheduler;

    Housekeeping(DiskSpaceMonitor diskMonitor, RetentionService retention, int retentionIntervalMillis) {
        this.diskMonitor = diskMonitor;
        this.retention = retention;
        this.retentionIntervalMillis = retentionIntervalMillis;
    }

    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "StoreHousekeeping");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> run("disk check", diskMonitor::check), 1000, 1000,
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> run("retention pass", retention::runOnce), retentionIntervalMillis,
                retentionIntervalMillis, TimeUnit.MILLISECONDS);
    }

    private static void run(String what, Runnable chore) {
        try {
            chore.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed", what, e);
        }
    }

    /** Stops the chores and waits for a running one to finish. */
    synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }
}
