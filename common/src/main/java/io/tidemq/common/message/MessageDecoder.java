package io.tidemq.common.message;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes stored message records (protocol.md 6.1) into {@link MessageExt}: the format of the CommitLog and of
 * PULL / QUERY / VIEW response bodies. Checks the structure (magic, lengths) but not the body CRC, like the client.
 * Thread-safe (stateless).
 */
public final class MessageDecoder {
    private MessageDecoder() {
    }

    /**
     * Decodes the record at the buffer's position, with its body as stored (compressed when sysFlag bit 0 is set),
     * and moves the position past it. Returns null, leaving the position alone, when there is no well-formed record
     * there (blank marker, bad magic, inconsistent or truncated lengths).
     */
    public static MessageExt decode(ByteBuffer buf) {
        return decode(buf, true, false);
    }

    /**
     * Decodes the record at the buffer's position and moves the position past it, or returns null (position
     * unchanged) when there is no well-formed record there. With {@code deCompressBody} a compressed body is inflated
     * and the COMPRESSED flag cleared; a body that does not inflate makes the record undecodable (null).
     */
    public static MessageExt decode(ByteBuffer buf, boolean readBody, boolean deCompressBody) {
        int start = buf.position();
        int total = wellFormedLength(buf, start, buf.limit() - start);
        if (total <= 0) {
            return null;
        }
        int sysFlag = buf.getInt(start + StoredRecord.SYS_FLAG_POS);
        MessageExt m = new MessageExt();
        m.setStoreSize(total);
        m.setBodyCRC(buf.getInt(start + StoredRecord.BODY_CRC_POS));
        m.setQueueId(buf.getInt(start + StoredRecord.QUEUE_ID_POS));
        m.setFlag(buf.getInt(start + StoredRecord.FLAG_POS));
        m.setQueueOffset(buf.getLong(start + StoredRecord.QUEUE_OFFSET_POS));
        long phyOffset = buf.getLong(start + StoredRecord.PHYSICAL_OFFSET_POS);
        m.setCommitLogOffset(phyOffset);
        m.setBornTimestamp(buf.getLong(start + StoredRecord.BORN_TIMESTAMP_POS));
        m.setBornHost(readHost(buf, start + StoredRecord.BORN_HOST_POS, StoredRecord.bornHostLength(sysFlag) - 4));
        m.setStoreTimestamp(buf.getLong(start + StoredRecord.storeTimestampPos(sysFlag)));
        int storeHostPos = start + StoredRecord.storeHostPos(sysFlag);
        int storeIpLen = StoredRecord.storeHostLength(sysFlag) - 4;
        m.setStoreHost(readHost(buf, storeHostPos, storeIpLen));
        m.setReconsumeTimes(buf.getInt(start + StoredRecord.reconsumeTimesPos(sysFlag)));
        m.setPreparedTransactionOffset(buf.getLong(start + StoredRecord.preparedTransactionOffsetPos(sysFlag)));
        int bodyLen = buf.getInt(start + StoredRecord.bodyLengthPos(sysFlag));
        int bodyPos = start + StoredRecord.bodyPos(sysFlag);
        if (readBody) {
            byte[] body = new byte[bodyLen];
            buf.get(bodyPos, body);
            if (deCompressBody && (sysFlag & MessageSysFlag.COMPRESSED_FLAG) != 0) {
                body = inflate(body);
                if (body == null) {
                    return null;
                }
                sysFlag &= ~MessageSysFlag.COMPRESSED_FLAG;
            }
            m.setBody(body);
        }
        m.setSysFlag(sysFlag);
        int topicPos = bodyPos + bodyLen + 1;
        int topicLen = buf.get(bodyPos + bodyLen);
        m.setTopic(string(buf, topicPos, topicLen));
        int propsPos = topicPos + topicLen + 2;
        int propsLen = buf.getShort(topicPos + topicLen);
        m.setProperties(MessageProperties.decode(string(buf, propsPos, propsLen)));
        byte[] storeIp = new byte[storeIpLen];
        buf.get(storeHostPos, storeIp);
        m.setMsgId(MessageId.createOffsetId(storeIp, buf.getInt(storeHostPos + storeIpLen), phyOffset));
        buf.position(start + total);
        return m;
    }

    /** Decodes records from the buffer's position until it is exhausted or a record is not well-formed. */
    public static List<MessageExt> decodes(ByteBuffer buf) {
        return decodes(buf, true);
    }

    public static List<MessageExt> decodes(ByteBuffer buf, boolean readBody) {
        List<MessageExt> out = new ArrayList<>();
        while (buf.hasRemaining()) {
            MessageExt m = decode(buf, readBody, false);
            if (m == null) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    /**
     * The property map of the record at the buffer's position without decoding the rest (for filters); null when
     * no well-formed record is there. The position is not moved.
     */
    public static Map<String, String> decodeProperties(ByteBuffer buf) {
        String s = propertiesString(buf);
        return s == null ? null : MessageProperties.decode(s);
    }

    /** The raw property string of the record at the buffer's position, or null; the position is not moved. */
    public static String propertiesString(ByteBuffer buf) {
        int start = buf.position();
        if (wellFormedLength(buf, start, buf.limit() - start) <= 0) {
            return null;
        }
        int sysFlag = buf.getInt(start + StoredRecord.SYS_FLAG_POS);
        int bodyLen = buf.getInt(start + StoredRecord.bodyLengthPos(sysFlag));
        int topicLenPos = start + StoredRecord.bodyPos(sysFlag) + bodyLen;
        int topicLen = buf.get(topicLenPos);
        int propsLenPos = topicLenPos + 1 + topicLen;
        return string(buf, propsLenPos + 2, buf.getShort(propsLenPos));
    }

    /**
     * The record length if a structurally well-formed message record starts at {@code pos} and fits in
     * {@code available} bytes: right magic, non-negative lengths that add up to TOTALSIZE. Otherwise -1.
     */
    public static int wellFormedLength(ByteBuffer buf, int pos, int available) {
        if (available < StoredRecord.MIN_RECORD_SIZE) {
            return -1;
        }
        int total = buf.getInt(pos + StoredRecord.TOTAL_SIZE_POS);
        if (buf.getInt(pos + StoredRecord.MAGIC_POS) != StoredRecord.MESSAGE_MAGIC
                || total < StoredRecord.MIN_RECORD_SIZE || total > available) {
            return -1;
        }
        int sysFlag = buf.getInt(pos + StoredRecord.SYS_FLAG_POS);
        int bodyPos = StoredRecord.bodyPos(sysFlag);
        if (bodyPos + 3 > total) {
            return -1;
        }
        int bodyLen = buf.getInt(pos + StoredRecord.bodyLengthPos(sysFlag));
        if (bodyLen < 0 || bodyLen > total - bodyPos - 3) {
            return -1;
        }
        int topicLen = buf.get(pos + bodyPos + bodyLen);
        if (topicLen <= 0 || bodyPos + bodyLen + 1 + topicLen + 2 > total) {
            return -1;
        }
        int propsLen = buf.getShort(pos + bodyPos + bodyLen + 1 + topicLen);
        if (propsLen < 0 || StoredRecord.recordLength(sysFlag, bodyLen, topicLen, propsLen) != total) {
            return -1;
        }
        return total;
    }

    /** Inflates a zlib body; null when it is not a valid zlib stream. */
    public static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, compressed.length * 4));
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    private static InetSocketAddress readHost(ByteBuffer buf, int pos, int ipLen) {
        byte[] ip = new byte[ipLen];
        buf.get(pos, ip);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), buf.getInt(pos + ipLen));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String string(ByteBuffer buf, int pos, int len) {
        if (len == 0) {
            return "";
        }
        byte[] b = new byte[len];
        buf.get(pos, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
