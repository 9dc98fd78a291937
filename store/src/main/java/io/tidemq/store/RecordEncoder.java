package io.tidemq.store;

import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageId;
import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.common.message.StoredRecord;
import io.tidemq.common.message.StoredRecordWriter;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes one message, or every message of a batch, into stored records (the 4.9 stored-message format) in a
 * reusable direct buffer (copied into the mapped file without a temporary), before the CommitLog lock is taken;
 * under the lock only the physical offset, queue offset and store timestamp are patched in. One instance per writer
 * thread; not thread-safe.
 */
final class RecordEncoder {
    private static final int INITIAL_CAPACITY = 16 * 1024;
    /** A buffer grown beyond this by a big message is dropped after use, so idle writers keep little heap. */
    private static final int RETAINED_CAPACITY = 512 * 1024;
    private static final byte[] ANY_IPV4 = new byte[4];
    private static final int BATCH_ENTRY_HEADER = 20;

    private final int maxMessageSize;
    private final StoredRecordWriter writer = new StoredRecordWriter();
    /** Direct, so the copy into the file (mapping or write(2)) needs no intermediate buffer. */
    private ByteBuffer buf = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
    private int[] starts = new int[16];
    private int count;
    private int total;
    private int storeTimestampPos;
    private boolean consumable;

    private InetSocketAddress cachedBornHost;
    private byte[] bornIp = ANY_IPV4;
    private InetSocketAddress cachedStoreHost;
    private byte[] storeIp = ANY_IPV4;
    private String storeHostHex;

    RecordEncoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Encodes a single message; returns null on success or the status that rejects it. */
    PutMessageStatus encode(MessageExtBrokerInner msg) {
        count = 0;
        total = 0;
        PutMessageStatus bad = prepareCommon(msg);
        if (bad != null) {
            return bad;
        }
        String props = msg.getPropertiesString() == null ? "" : msg.getPropertiesString();
        int propsLen = Utf8.length(props);
        if (propsLen > StoredRecord.MAX_PROPERTIES_LENGTH) {
            return PutMessageStatus.PROPERTIES_SIZE_EXCEEDED;
        }
        ByteBuffer view = msg.bodyView();
        byte[] body = view != null ? null : msg.getBody() == null ? new byte[0] : msg.getBody();
        int bodyLen = view != null ? view.remaining() : body.length;
        int sysFlag = effectiveSysFlag(msg);
        String topic = msg.getTopic();
        int len = StoredRecord.recordLength(sysFlag, bodyLen, topic.length(), propsLen);
        if (len > maxMessageSize) {
            return PutMessageStatus.MESSAGE_ILLEGAL;
        }
        ensureCapacity(len);
        int p = view != null ? writer.writeUpToTopic(buf, 0, len, sysFlag, msg, msg.getFlag(), 0, 0, 0, bornIp,
                cachedBornHost == null ? 0 : cachedBornHost.getPort(), storeIp,
                cachedStoreHost == null ? 0 : cachedStoreHost.getPort(), view)
                : writeUpToTopic(0, len, sysFlag, msg, msg.getFlag(), body, 0, body.length);
        buf.putShort(p, (short) propsLen);
        Utf8.encode(props, buf, p + 2);
        addRecord(0, len);
        return null;
    }

    /**
     * Encodes every entry of a batch body (protocol.md 4.2) as its own record, appending the batch-level properties
     * to each entry's own. Returns null on success, MESSAGE_ILLEGAL for a malformed or empty batch or when a record
     * or all of them together exceed maxMessageSize, PROPERTIES_SIZE_EXCEEDED when joined properties are too long.
     */
    PutMessageStatus encodeBatch(MessageExtBatch batch) {
        count = 0;
        total = 0;
        PutMessageStatus bad = prepareCommon(batch);
        if (bad != null) {
            return bad;
        }
        byte[] body = batch.getBody();
        if (body == null || body.length == 0) {
            return PutMessageStatus.MESSAGE_ILLEGAL;
        }
        String batchProps = batch.getPropertiesString();
        byte[] extra = batchProps == null || batchProps.isEmpty() ? new byte[0]
                : batchProps.getBytes(StandardCharsets.UTF_8);
        int sysFlag = effectiveSysFlag(batch);
        String topic = batch.getTopic();
        ByteBuffer in = ByteBuffer.wrap(body);
        int pos = 0;
        int out = 0;
        while (pos < body.length) {
            if (body.length - pos < BATCH_ENTRY_HEADER + 2) {
                return illegal();
            }
            int entrySize = in.getInt(pos);
            int flag = in.getInt(pos + 12);
            int bodyLen = in.getInt(pos + 16);
            if (bodyLen < 0 || bodyLen > body.length - pos - BATCH_ENTRY_HEADER - 2) {
                return illegal();
            }
            int ownPropsPos = pos + BATCH_ENTRY_HEADER + bodyLen + 2;
            int ownPropsLen = in.getShort(ownPropsPos - 2);
            if (ownPropsLen < 0 || entrySize != BATCH_ENTRY_HEADER + bodyLen + 2 + ownPropsLen
                    || entrySize > body.length - pos) {
                return illegal();
            }
            int propsLen = ownPropsLen + extra.length + (ownPropsLen > 0 && extra.length > 0 ? 1 : 0);
            if (propsLen > StoredRecord.MAX_PROPERTIES_LENGTH) {
                count = 0;
                total = 0;
                return PutMessageStatus.PROPERTIES_SIZE_EXCEEDED;
            }
            int len = StoredRecord.recordLength(sysFlag, bodyLen, topic.length(), propsLen);
            // the whole batch is bounded too, as in Apache 4.9: it is one append, encoded in one buffer
            if (len > maxMessageSize || out + len > maxMessageSize) {
                return illegal();
            }
            ensureCapacity(out + len);
            int p = writeUpToTopic(out, len, sysFlag, batch, flag, body, pos + BATCH_ENTRY_HEADER, bodyLen);
            buf.putShort(p, (short) propsLen);
            p += 2;
            buf.put(p, body, ownPropsPos, ownPropsLen);
            p += ownPropsLen;
            if (ownPropsLen > 0 && extra.length > 0) {
                buf.put(p++, (byte) MessageConst.PROPERTY_SEPARATOR);
            }
            buf.put(p, extra, 0, extra.length);
            addRecord(out, len);
            out += len;
            pos += entrySize;
        }
        return null;
    }

    private PutMessageStatus illegal() {
        count = 0;
        total = 0;
        return PutMessageStatus.MESSAGE_ILLEGAL;
    }

    private PutMessageStatus prepareCommon(MessageExtBrokerInner msg) {
        String topic = msg.getTopic();
        if (topic == null || topic.isEmpty() || topic.length() > StoredRecord.MAX_TOPIC_LENGTH
                || !isPrintableAscii(topic) || msg.getQueueId() < 0) {
            return PutMessageStatus.MESSAGE_ILLEGAL;
        }
        int tx = MessageSysFlag.transactionType(msg.getSysFlag());
        consumable = tx == MessageSysFlag.TRANSACTION_NOT_TYPE || tx == MessageSysFlag.TRANSACTION_COMMIT_TYPE;
        InetSocketAddress born = msg.getBornHost();
        if (born != cachedBornHost) {
            cachedBornHost = born;
            bornIp = StoredRecordWriter.ipOf(born);
        }
        InetSocketAddress store = msg.getStoreHost();
        if (store != cachedStoreHost || storeHostHex == null) {
            cachedStoreHost = store;
            storeIp = StoredRecordWriter.ipOf(store);
            StringBuilder sb = new StringBuilder(48);
            MessageId.appendHostHex(sb, storeIp, store == null ? 0 : store.getPort());
            storeHostHex = sb.toString();
        }
        return null;
    }

    /** Topics must be printable ASCII without spaces: recovery relies on it to reject torn records. */
    static boolean isPrintableAscii(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private int effectiveSysFlag(MessageExtBrokerInner msg) {
        int f = StoredRecordWriter.hostFlags(msg.getSysFlag(), bornIp, storeIp);
        storeTimestampPos = StoredRecord.storeTimestampPos(f);
        return f;
    }


    /** Offsets and store timestamp are written as 0: they are patched in under the CommitLog lock. */
    private int writeUpToTopic(int at, int len, int sysFlag, MessageExtBrokerInner msg, int flag, byte[] body,
                               int bodyOff, int bodyLen) {
        return writer.writeUpToTopic(buf, at, len, sysFlag, msg, flag, 0, 0, 0, bornIp,
                cachedBornHost == null ? 0 : cachedBornHost.getPort(), storeIp,
                cachedStoreHost == null ? 0 : cachedStoreHost.getPort(), body, bodyOff, bodyLen);
    }

    private void addRecord(int start, int len) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = start;
        total = start + len;
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(needed,
                    Math.min(buf.capacity() * 2, maxMessageSize * 2)));
            bigger.put(0, buf, 0, total);
            ByteBuffer old = buf;
            buf = bigger;
            Unmapper.unmap(old);
        }
    }

    /** Encoded bytes of every record, back to back, from index 0. */
    ByteBuffer buffer() {
        return buf;
    }

    int totalBytes() {
        return total;
    }

    int count() {
        return count;
    }

    /** False for prepared and rollback records: queue offset 0, no consume-queue unit. */
    boolean consumable() {
        return consumable;
    }

    /**
     * Under the CommitLog lock: stamps each record with its physical offset ({@code wroteOffset} + its start), its
     * queue offset ({@code firstQueueOffset} + index, or 0 when not consumable) and the store time.
     */
    void patch(long wroteOffset, long firstQueueOffset, long storeTimestamp) {
        for (int i = 0; i < count; i++) {
            int s = starts[i];
            buf.putLong(s + StoredRecord.QUEUE_OFFSET_POS, consumable ? firstQueueOffset + i : 0);
            buf.putLong(s + StoredRecord.PHYSICAL_OFFSET_POS, wroteOffset + s);
            buf.putLong(s + storeTimestampPos, storeTimestamp);
        }
    }

    /** Offset message ids of the encoded records once written at {@code wroteOffset}, comma-separated. */
    String msgIds(long wroteOffset) {
        StringBuilder sb = new StringBuilder(count * (storeHostHex.length() + 17));
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(storeHostHex);
            MessageId.appendHex(sb, wroteOffset + starts[i]);
        }
        return sb.toString();
    }

    /** Drops a buffer that a big message grew, keeping the per-thread footprint small. */
    void trim() {
        if (buf.capacity() > RETAINED_CAPACITY) {
            ByteBuffer old = buf;
            buf = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
            Unmapper.unmap(old);
        }
        count = 0;
        total = 0;
    }
}
