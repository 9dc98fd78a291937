package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store accepts writes, and why not: not running, slave role, disk full, or an IO error. Flags are
 * volatile; any thread may read or set them.
 */
final class StoreHealth {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

    private volatile boolean running;
    private volatile boolean diskFull;
    private volatile boolean ioError;
    private volatile String reason = "";

    void setRunning(boolean running) {
        this.running = running;
    }

    boolean isRunning() {
        return running;
    }

    void markDiskFull(String why) {
        if (!diskFull) {
            LOG.error("refusing writes: disk full ({})", why);
        }
        reason = why;
        diskFull = true;
    }

    void clearDiskFull() {
        if (diskFull) {
            LOG.info("disk has space again; writes accepted");
        }
        diskFull = false;
    }

    void markIoError(String why, Throwable cause) {
        if (!ioError) {
            LOG.error("refusing writes after an IO error: {}", why, cause);
        }
        reason = why;
        ioError = true;
    }

    void clearIoError() {
        if (ioError) {
            LOG.info("IO works again; writes accepted");
        }
        ioError = false;
    }

    boolean isDiskFull() {
        return diskFull;
    }

    boolean isIoError() {
        return ioError;
    }

    boolean isWriteRefused() {
        return diskFull || ioError;
    }

    String reason() {
        return reason;
    }

    /** Why a write must be refused now, or null when it may proceed. */
    PutMessageStatus refusal(BrokerRole role) {
        if (!running || role == BrokerRole.SLAVE) {
            return PutMessageStatus.SERVICE_NOT_AVAILABLE;
        }
        if (diskFull) {
            return PutMessageStatus.DISK_FULL;
        }
        if (ioError) {
            return PutMessageStatus.SERVICE_NOT_AVAILABLE;
        }
        return null;
    }
}
