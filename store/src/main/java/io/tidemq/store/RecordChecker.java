package io.tidemq.store;

import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.StoredRecord;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Decides whether the bytes at a CommitLog position are a record we may serve. The quick check (dispatch) covers
 * structure; the deep check (recovery) adds the body CRC and UTF-8 validity of the properties. Every check also
 * requires the record's own PHYSICALOFFSET field to equal its position, which rejects stale bytes left behind by
 * an earlier, longer history.
 */
final class RecordChecker {
    /** End-of-file blank marker; continue at the next file. */
    static final int BLANK = 0;
    /** Not (yet) a whole record: zeros, or fewer bytes than it claims. */
    static final int INCOMPLETE = -1;
    /** Bytes that are not a valid record. */
    static final int CORRUPT = -2;

    private final CRC32 crc = new CRC32();

    /**
     * Checks the record at {@code pos} of a file mapping whose readable end is {@code limit}.
     *
     * @return the record size (&gt; 0), {@link #BLANK}, {@link #INCOMPLETE} or {@link #CORRUPT}
     */
    int check(ByteBuffer file, int pos, int limit, int fileSize, long expectedPhyOffset, boolean deep) {
        if (limit - pos < 8) {
            return INCOMPLETE;
        }
        int total = file.getInt(pos);
        int magic = file.getInt(pos + StoredRecord.MAGIC_POS);
        if (magic == StoredRecord.BLANK_MAGIC) {
            return total == fileSize - pos ? BLANK : CORRUPT;
        }
        if (magic != StoredRecord.MESSAGE_MAGIC) {
            return total == 0 && magic == 0 ? INCOMPLETE : CORRUPT;
        }
        if (total < StoredRecord.MIN_RECORD_SIZE || total > fileSize - pos) {
            return CORRUPT;
        }
        if (total > limit - pos) {
            return INCOMPLETE;
        }
        if (MessageDecoder.wellFormedLength(file, pos, limit - pos) != total
                || file.getLong(pos + StoredRecord.PHYSICAL_OFFSET_POS) != expectedPhyOffset
                || file.getInt(pos + StoredRecord.QUEUE_ID_POS) < 0
                || file.getLong(pos + StoredRecord.QUEUE_OFFSET_POS) < 0) {
            return CORRUPT;
        }
        int sysFlag = file.getInt(pos + StoredRecord.SYS_FLAG_POS);
        int bodyLen = file.getInt(pos + StoredRecord.bodyLengthPos(sysFlag));
        int bodyPos = pos + StoredRecord.bodyPos(sysFlag);
        int topicLen = file.get(bodyPos + bodyLen);
        for (int i = 0; i < topicLen; i++) {
            byte b = file.get(bodyPos + bodyLen + 1 + i);
            if (b <= 0x20 || b >= 0x7F) {
                return CORRUPT;
            }
        }
        if (deep) {
            crc.reset();
            crc.update(file.slice(bodyPos, bodyLen));
            if ((int) (crc.getValue() & 0x7FFFFFFF) != file.getInt(pos + StoredRecord.BODY_CRC_POS)) {
                return CORRUPT;
            }
            int propsLenPos = bodyPos + bodyLen + 1 + topicLen;
            if (!Utf8.isValid(file, propsLenPos + 2, file.getShort(propsLenPos))) {
                return CORRUPT;
            }
        }
        return total;
    }
}
