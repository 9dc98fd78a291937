package io.tidemq.common.message;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes one message in the stored record format (protocol.md 6.1) outside the CommitLog: the body of requests that
 * carry a whole message to a client, such as CHECK_TRANSACTION_STATE, which the client reads with its message
 * decoder. The offsets written are the ones the message holds.
 */
public final class StoredRecordWriter {
    private StoredRecordWriter() {
    }

    public static byte[] write(MessageExt m) {
        byte[] body = m.getBody() == null ? new byte[0] : m.getBody();
        byte[] topic = m.getTopic().getBytes(StandardCharsets.UTF_8);
        byte[] props = MessageProperties.encode(m.getProperties()).getBytes(StandardCharsets.UTF_8);
        if (topic.length > StoredRecord.MAX_TOPIC_LENGTH || props.length > StoredRecord.MAX_PROPERTIES_LENGTH) {
            throw new IllegalArgumentException("topic or properties too long for a stored record");
        }
        int sysFlag = m.getSysFlag() & ~(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        if (isV6(m.getBornHost())) {
            sysFlag |= MessageSysFlag.BORNHOST_V6_FLAG;
        }
        if (isV6(m.getStoreHost())) {
            sysFlag |= MessageSysFlag.STOREHOSTADDRESS_V6_FLAG;
        }
        int len = StoredRecord.recordLength(sysFlag, body.length, topic.length, props.length);
        ByteBuffer b = ByteBuffer.allocate(len);
        CRC32 crc = new CRC32();
        crc.update(body);
        // the body CRC of the 4.9 format is the CRC-32 with its top bit cleared
        b.putInt(len).putInt(StoredRecord.MESSAGE_MAGIC).putInt((int) (crc.getValue() & 0x7FFFFFFF))
                .putInt(m.getQueueId()).putInt(m.getFlag()).putLong(m.getQueueOffset())
                .putLong(m.getCommitLogOffset()).putInt(sysFlag).putLong(m.getBornTimestamp());
        putHost(b, m.getBornHost(), StoredRecord.bornHostLength(sysFlag));
        b.putLong(m.getStoreTimestamp());
        putHost(b, m.getStoreHost(), StoredRecord.storeHostLength(sysFlag));
        b.putInt(m.getReconsumeTimes()).putLong(m.getPreparedTransactionOffset());
        b.putInt(body.length).put(body);
        b.put((byte) topic.length).put(topic);
        b.putShort((short) props.length).put(props);
        return b.array();
    }

    private static boolean isV6(InetSocketAddress a) {
        return a != null && a.getAddress() instanceof Inet6Address;
    }

    private static void putHost(ByteBuffer b, InetSocketAddress a, int length) {
        byte[] ip = a == null || a.getAddress() == null ? new byte[length - 4] : a.getAddress().getAddress();
        b.put(ip, 0, length - 4).putInt(a == null ? 0 : a.getPort());
    }
}
