package io.tidemq.common.message;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The one writer of the 4.9 stored-record layout ({@link StoredRecord}): the store's encoder writes CommitLog records
 * with it, and requests that carry a whole message to a client (CHECK_TRANSACTION_STATE, read by the client's message
 * decoder) write theirs with {@link #write(MessageExt)}. An instance keeps its CRC state; not thread-safe.
 */
public final class StoredRecordWriter {
    private static final byte[] ANY_IPV4 = new byte[4];

    private final CRC32 crc = new CRC32();

    /** One record for {@code m} as it is (its offsets, hosts and times), in a new array. */
    public static byte[] write(MessageExt m) {
        byte[] body = m.getBody() == null ? new byte[0] : m.getBody();
        byte[] props = MessageProperties.encode(m.getProperties()).getBytes(StandardCharsets.UTF_8);
        String topic = m.getTopic();
        if (topic.length() > StoredRecord.MAX_TOPIC_LENGTH || props.length > StoredRecord.MAX_PROPERTIES_LENGTH) {
            throw new IllegalArgumentException("topic or properties too long for a stored record");
        }
        byte[] bornIp = ipOf(m.getBornHost());
        byte[] storeIp = ipOf(m.getStoreHost());
        int sysFlag = hostFlags(m.getSysFlag(), bornIp, storeIp);
        int len = StoredRecord.recordLength(sysFlag, body.length, topic.length(), props.length);
        ByteBuffer b = ByteBuffer.allocate(len);
        int p = new StoredRecordWriter().writeUpToTopic(b, 0, len, sysFlag, m, m.getFlag(), m.getQueueOffset(),
                m.getCommitLogOffset(), m.getStoreTimestamp(), bornIp, portOf(m.getBornHost()), storeIp,
                portOf(m.getStoreHost()), body, 0, body.length);
        b.putShort(p, (short) props.length);
        b.put(p + 2, props);
        return b.array();
    }

    /**
     * Writes, with absolute puts from {@code at}, a record's length, magic, body CRC, fixed fields, body and topic
     * (printable ASCII); returns the position where the properties' 2-byte length goes. {@code m} gives the queue
     * id, born timestamp, reconsume times and prepared-transaction offset; {@code sysFlag} must carry the IPv6 flags
     * matching the host lengths ({@link #hostFlags}).
     */
    public int writeUpToTopic(ByteBuffer buf, int at, int recordLength, int sysFlag, MessageExt m, int flag,
                              long queueOffset, long physicalOffset, long storeTimestamp, byte[] bornIp, int bornPort,
                              byte[] storeIp, int storePort, byte[] body, int bodyOff, int bodyLen) {
        crc.reset();
        crc.update(body, bodyOff, bodyLen);
        int p = writeFixedFields(buf, at, recordLength, sysFlag, m, flag, queueOffset, physicalOffset,
                storeTimestamp, bornIp, bornPort, storeIp, storePort, bodyLen);
        buf.put(p, body, bodyOff, bodyLen);
        return writeTopic(buf, p + bodyLen, m.getTopic());
    }

    /**
     * As above, the body being the remaining bytes of {@code body} (a view of a received request: no copy in
     * between); its position is left where it was.
     */
    public int writeUpToTopic(ByteBuffer buf, int at, int recordLength, int sysFlag, MessageExt m, int flag,
                              long queueOffset, long physicalOffset, long storeTimestamp, byte[] bornIp, int bornPort,
                              byte[] storeIp, int storePort, ByteBuffer body) {
        int from = body.position();
        int bodyLen = body.remaining();
        crc.reset();
        crc.update(body);
        body.position(from);
        int p = writeFixedFields(buf, at, recordLength, sysFlag, m, flag, queueOffset, physicalOffset,
                storeTimestamp, bornIp, bornPort, storeIp, storePort, bodyLen);
        buf.put(p, body, from, bodyLen);
        return writeTopic(buf, p + bodyLen, m.getTopic());
    }

    /** Everything before the body, the body CRC taken from {@link #crc}; returns where the body goes. */
    private int writeFixedFields(ByteBuffer buf, int at, int recordLength, int sysFlag, MessageExt m, int flag,
                                 long queueOffset, long physicalOffset, long storeTimestamp, byte[] bornIp,
                                 int bornPort, byte[] storeIp, int storePort, int bodyLen) {
        buf.putInt(at, recordLength);
        buf.putInt(at + StoredRecord.MAGIC_POS, StoredRecord.MESSAGE_MAGIC);
        // the body CRC of the 4.9 format is the CRC-32 with its top bit cleared
        buf.putInt(at + StoredRecord.BODY_CRC_POS, (int) (crc.getValue() & 0x7FFFFFFF));
        buf.putInt(at + StoredRecord.QUEUE_ID_POS, m.getQueueId());
        buf.putInt(at + StoredRecord.FLAG_POS, flag);
        buf.putLong(at + StoredRecord.QUEUE_OFFSET_POS, queueOffset);
        buf.putLong(at + StoredRecord.PHYSICAL_OFFSET_POS, physicalOffset);
        buf.putInt(at + StoredRecord.SYS_FLAG_POS, sysFlag);
        buf.putLong(at + StoredRecord.BORN_TIMESTAMP_POS, m.getBornTimestamp());
        int p = at + StoredRecord.BORN_HOST_POS;
        buf.put(p, bornIp);
        p += bornIp.length;
        buf.putInt(p, bornPort);
        p += 4;
        buf.putLong(p, storeTimestamp);
        p += 8;
        buf.put(p, storeIp);
        p += storeIp.length;
        buf.putInt(p, storePort);
        p += 4;
        buf.putInt(p, m.getReconsumeTimes());
        p += 4;
        buf.putLong(p, m.getPreparedTransactionOffset());
        p += 8;
        buf.putInt(p, bodyLen);
        return p + 4;
    }

    private static int writeTopic(ByteBuffer buf, int at, String topic) {
        int p = at;
        buf.put(p++, (byte) topic.length());
        for (int i = 0; i < topic.length(); i++) {
            buf.put(p++, (byte) topic.charAt(i));
        }
        return p;
    }

    /** {@code sysFlag} with the IPv6 host flags set from the lengths of the two addresses. */
    public static int hostFlags(int sysFlag, byte[] bornIp, byte[] storeIp) {
        int f = sysFlag & ~(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        if (bornIp.length == 16) {
            f |= MessageSysFlag.BORNHOST_V6_FLAG;
        }
        if (storeIp.length == 16) {
            f |= MessageSysFlag.STOREHOSTADDRESS_V6_FLAG;
        }
        return f;
    }

    /** The address bytes of a host (4 or 16), or 0.0.0.0 when there is none. */
    public static byte[] ipOf(InetSocketAddress a) {
        InetAddress ip = a == null ? null : a.getAddress();
        if (ip == null) {
            return ANY_IPV4;
        }
        return ip.getAddress();
    }

    private static int portOf(InetSocketAddress a) {
        return a == null ? 0 : a.getPort();
    }
}
