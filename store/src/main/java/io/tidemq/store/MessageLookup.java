package io.tidemq.store;

import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageExt;

import java.nio.ByteBuffer;

/**
 * Reads single records by physical offset and by index key. Every record handed out is verified first (length,
 * magic, own offset, body CRC), so a bad offset from a client or a damaged record yields nothing rather than
 * garbage. Thread-safe.
 */
final class MessageLookup {
    private final IndexConfig indexConfig;
    private final CommitLog commitLog;
    private final IndexService index;

    MessageLookup(IndexConfig indexConfig, CommitLog commitLog, IndexService index) {
        this.indexConfig = indexConfig;
        this.commitLog = commitLog;
        this.index = index;
    }

    /** The verified record at a physical offset, or null. Release it. */
    SelectMappedBufferResult record(long offset) {
        SelectMappedBufferResult r = commitLog.readRecord(offset);
        if (r == null) {
            return null;
        }
        int size = r.size();
        if (new RecordChecker().check(r.buffer(), 0, size, size, offset, true) != size) {
            r.release();
            return null;
        }
        return r;
    }

    /** The decoded record (body as stored) at a physical offset, or null. */
    MessageExt message(long offset) {
        SelectMappedBufferResult r = record(offset);
        if (r == null) {
            return null;
        }
        try {
            return MessageDecoder.decode(r.buffer().duplicate(), true, false);
        } finally {
            r.release();
        }
    }

    /**
     * Records indexed under {@code topic#key} (UNIQ_KEY or a KEYS token) stored within [begin, end], at most
     * {@code min(maxNum, maxMsgsNumBatch)}. Index hits are hashes, so each record is checked to really carry the key.
     */
    QueryMessageResult query(String topic, String key, int maxNum, long begin, long end) {
        QueryMessageResult result = new QueryMessageResult();
        int limit = Math.max(1, Math.min(maxNum, indexConfig.getMaxMsgsNumBatch()));
        for (long phy : index.query(topic, key, limit, begin, end)) {
            SelectMappedBufferResult r = record(phy);
            if (r == null) {
                continue;
            }
            if (carries(r.buffer().duplicate(), topic, key)) {
                result.addMessage(r);
            } else {
                r.release();
            }
        }
        long[] last = index.lastUpdate();
        result.setIndexLastUpdateTimestamp(last[0]);
        result.setIndexLastUpdatePhyoffset(last[1]);
        return result;
    }

    private static boolean carries(ByteBuffer record, String topic, String key) {
        MessageExt m = MessageDecoder.decode(record, false, false);
        if (m == null || !topic.equals(m.getTopic())) {
            return false;
        }
        if (key.equals(m.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX))) {
            return true;
        }
        String keys = m.getKeys();
        if (keys != null) {
            for (String k : keys.split(MessageConst.KEY_SEPARATOR)) {
                if (k.equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }
}
