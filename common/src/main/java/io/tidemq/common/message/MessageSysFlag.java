package io.tidemq.common.message;

/** Bits of a stored message's sysFlag (protocol.md section 6.2). */
public final class MessageSysFlag {
    public static final int COMPRESSED_FLAG = 1;
    public static final int MULTI_TAGS_FLAG = 1 << 1;
    public static final int TRANSACTION_NOT_TYPE = 0;
    public static final int TRANSACTION_PREPARED_TYPE = 1 << 2;
    public static final int TRANSACTION_COMMIT_TYPE = 2 << 2;
    public static final int TRANSACTION_ROLLBACK_TYPE = 3 << 2;
    public static final int BORNHOST_V6_FLAG = 1 << 4;
    public static final int STOREHOSTADDRESS_V6_FLAG = 1 << 5;

    private MessageSysFlag() {
    }

    public static int transactionType(int sysFlag) {
        return sysFlag & TRANSACTION_ROLLBACK_TYPE;
    }

    public static int resetTransactionType(int sysFlag, int type) {
        return (sysFlag & ~TRANSACTION_ROLLBACK_TYPE) | type;
    }
}
