package io.tidemq.store;

import io.tidemq.config.ConfigKey;

/**
 * How much one pull returns, from memory and from disk, and when a pull is told to go to the slave. Part of {@link
 * MessageStoreConfig}, under the same property keys.
 */
public final class TransferConfig {
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
}
