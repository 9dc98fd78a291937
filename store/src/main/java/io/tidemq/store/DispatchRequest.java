package io.tidemq.store;

import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.common.message.StoredRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the dispatcher needs from one record: where it is, its queue, tags code and index keys. Reused for every
 * record by the (single) dispatcher thread; properties are scanned in place and only the few needed values become
 * strings.
 */
final class DispatchRequest {
    static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    private static final byte[] TAGS = "TAGS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYS = "KEYS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNIQ_KEY = "UNIQ_KEY".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELAY = "DELAY".getBytes(StandardCharsets.US_ASCII);

    String topic;
    int queueId;
    long commitLogOffset;
    int size;
    long tagsCode;
    long storeTimestamp;
    long queueOffset;
    int sysFlag;
    String keys;
    String uniqKey;

    private byte[] lastTopicBytes = new byte[0];
    /** Property values are copied out of the mapped file through here (at most 32 KiB: the properties' limit). */
    private byte[] scratch = new byte[256];

    /** Fills this request from the (already checked) record of {@code size} bytes at {@code pos}. */
    void readFrom(ByteBuffer f, int pos, long phyOffset, int size, DelayLevels delays) {
        this.commitLogOffset = phyOffset;
        this.size = size;
        this.queueId = f.getInt(pos + StoredRecord.QUEUE_ID_POS);
        this.queueOffset = f.getLong(pos + StoredRecord.QUEUE_OFFSET_POS);
        this.sysFlag = f.getInt(pos + StoredRecord.SYS_FLAG_POS);
        this.storeTimestamp = f.getLong(pos + StoredRecord.storeTimestampPos(sysFlag));
        int bodyLen = f.getInt(pos + StoredRecord.bodyLengthPos(sysFlag));
        int topicLenPos = pos + StoredRecord.bodyPos(sysFlag) + bodyLen;
        int topicLen = f.get(topicLenPos);
        readTopic(f, topicLenPos + 1, topicLen);
        int propsLenPos = topicLenPos + 1 + topicLen;
        int propsLen = f.getShort(propsLenPos);
        String tags = null;
        String delay = null;
        keys = null;
        uniqKey = null;
        int p = propsLenPos + 2;
        int end = p + propsLen;
        while (p < end) {
            int pairEnd = indexOf(f, p, end, (byte) 2);
            int nameEnd = indexOf(f, p, pairEnd, (byte) 1);
            if (nameEnd > p && nameEnd < pairEnd - 1) {
                if (nameIs(f, p, nameEnd, TAGS)) {
                    tags = string(f, nameEnd + 1, pairEnd);
                } else if (nameIs(f, p, nameEnd, KEYS)) {
                    keys = string(f, nameEnd + 1, pairEnd);
                } else if (nameIs(f, p, nameEnd, UNIQ_KEY)) {
                    uniqKey = string(f, nameEnd + 1, pairEnd);
                } else if (nameIs(f, p, nameEnd, DELAY)) {
                    delay = string(f, nameEnd + 1, pairEnd);
                }
            }
            p = pairEnd + 1;
        }
        tagsCode = tagsCode(tags, delay, delays);
    }

    private long tagsCode(String tags, String delay, DelayLevels delays) {
        if (delay != null && SCHEDULE_TOPIC.equals(topic)) {
            int level;
            try {
                level = Integer.parseInt(delay.trim());
            } catch (NumberFormatException e) {
                level = 0;
            }
            return delays.deliverTimestamp(level, storeTimestamp);
        }
        return tags == null || tags.isEmpty() ? 0 : tags.hashCode();
    }

    /** True for records that get a consume-queue unit (not prepared, not rolled back). */
    boolean isConsumable() {
        int t = MessageSysFlag.transactionType(sysFlag);
        return t == MessageSysFlag.TRANSACTION_NOT_TYPE || t == MessageSysFlag.TRANSACTION_COMMIT_TYPE;
    }

    /** True for records that are indexed (all but rollbacks). */
    boolean isIndexed() {
        return MessageSysFlag.transactionType(sysFlag) != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE;
    }

    private void readTopic(ByteBuffer f, int pos, int len) {
        boolean same = len == lastTopicBytes.length;
        for (int i = 0; same && i < len; i++) {
            same = f.get(pos + i) == lastTopicBytes[i];
        }
        if (!same) {
            byte[] b = new byte[len];
            f.get(pos, b);
            lastTopicBytes = b;
            topic = new String(b, StandardCharsets.US_ASCII);
        }
    }

    private static int indexOf(ByteBuffer f, int from, int end, byte b) {
        for (int i = from; i < end; i++) {
            if (f.get(i) == b) {
                return i;
            }
        }
        return end;
    }

    private static boolean nameIs(ByteBuffer f, int from, int to, byte[] name) {
        if (to - from != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (f.get(from + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private String string(ByteBuffer f, int from, int to) {
        int n = to - from;
        if (scratch.length < n) {
            scratch = new byte[n];
        }
        f.get(from, scratch, 0, n);
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }
}
