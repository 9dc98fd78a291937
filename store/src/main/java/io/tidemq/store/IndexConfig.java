package io.tidemq.store;

import io.tidemq.config.ConfigKey;

/**
 * The message index (keys and ids, QUERY_MESSAGE): its size and the query limits. Part of {@link MessageStoreConfig},
 * under the same property keys.
 */
public final class IndexConfig {
    @ConfigKey(doc = "Build the key index (queries by key and by unique key).")
    private boolean messageIndexEnable = true;
    @ConfigKey(doc = "Hash slots of one index file.")
    private int maxHashSlotNum = 5_000_000;
    @ConfigKey(doc = "Entries of one index file.")
    private int maxIndexNum = 5_000_000 * 4;
    @ConfigKey(doc = "Largest number of messages one query by key returns.", live = true)
    private volatile int maxMsgsNumBatch = 64;
    @ConfigKey(doc = "Apache: after a crash, rebuild the index from the older of the CommitLog and index checkpoints.",
            noEffect = "recovery never leaves an index entry it cannot trust, which is what this mode asks for: "
                    + "after a crash of the broker alone the newest file is cut back to the recovered log, after a "
                    + "machine crash every file that may miss pages is rebuilt from the CommitLog.")
    private boolean messageIndexSafe = false;
    @ConfigKey(doc = "Messages a query returns when the request asks for none.", live = true)
    private volatile int defaultQueryMaxNum = 32;
    @ConfigKey(doc = "Unused by Apache 4.9.3.", noEffect = "Apache 4.9.3 reads it nowhere either.")
    private int putMsgIndexHightWater = 600_000;

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

    public void setMaxMsgsNumBatch(int maxMsgsNumBatch) {
        this.maxMsgsNumBatch = maxMsgsNumBatch;
    }
}
