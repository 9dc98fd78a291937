package io.tidemq.common.message;

/**
 * Field positions and sizes of the stored message record (protocol.md 6.1). The host fields are 4+4 bytes for IPv4
 * and 16+4 for IPv6 (sysFlag bits), so every position after the born host depends on the sysFlag.
 */
public final class StoredRecord {
    /** Magic code of a message record. */
    public static final int MESSAGE_MAGIC = 0xDAA320A7;
    /** Magic code of the end-of-file blank marker {@code [int remaining][int BLANK_MAGIC]}. */
    public static final int BLANK_MAGIC = 0xCBD43194;
    /** Bytes of the blank marker that must always fit behind the last record of a file. */
    public static final int BLANK_MARKER_SIZE = 8;

    public static final int TOTAL_SIZE_POS = 0;
    public static final int MAGIC_POS = 4;
    public static final int BODY_CRC_POS = 8;
    public static final int QUEUE_ID_POS = 12;
    public static final int FLAG_POS = 16;
    public static final int QUEUE_OFFSET_POS = 20;
    public static final int PHYSICAL_OFFSET_POS = 28;
    public static final int SYS_FLAG_POS = 36;
    public static final int BORN_TIMESTAMP_POS = 40;
    public static final int BORN_HOST_POS = 48;

    /** Longest topic, in UTF-8 bytes (its length is stored in one byte). */
    public static final int MAX_TOPIC_LENGTH = 127;
    /** Longest property string, in UTF-8 bytes (its length is stored in a short). */
    public static final int MAX_PROPERTIES_LENGTH = Short.MAX_VALUE;
    /** Smallest possible record: IPv4 hosts, empty body, one-byte topic, no properties. */
    public static final int MIN_RECORD_SIZE = 92;

    private StoredRecord() {
    }

    public static int bornHostLength(int sysFlag) {
        return (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) != 0 ? 20 : 8;
    }

    public static int storeHostLength(int sysFlag) {
        return (sysFlag & MessageSysFlag.STOREHOSTADDRESS_V6_FLAG) != 0 ? 20 : 8;
    }

    public static int storeTimestampPos(int sysFlag) {
        return BORN_HOST_POS + bornHostLength(sysFlag);
    }

    public static int storeHostPos(int sysFlag) {
        return storeTimestampPos(sysFlag) + 8;
    }

    public static int reconsumeTimesPos(int sysFlag) {
        return storeHostPos(sysFlag) + storeHostLength(sysFlag);
    }

    public static int preparedTransactionOffsetPos(int sysFlag) {
        return reconsumeTimesPos(sysFlag) + 4;
    }

    public static int bodyLengthPos(int sysFlag) {
        return preparedTransactionOffsetPos(sysFlag) + 8;
    }

    /** Position of the first body byte; the topic length byte follows the body. */
    public static int bodyPos(int sysFlag) {
        return bodyLengthPos(sysFlag) + 4;
    }

    /** Record size for the given variable parts: 91 + body + topic + properties with IPv4 hosts. */
    public static int recordLength(int sysFlag, int bodyLength, int topicLength, int propertiesLength) {
        return bodyPos(sysFlag) + bodyLength + 1 + topicLength + 2 + propertiesLength;
    }
}
