package io.tidemq.common.protocol.header;

/** Header of CHECK_TRANSACTION_STATE (39), broker to producer. */
public class CheckTransactionStateRequestHeader {
    public Long tranStateTableOffset;
    public Long commitLogOffset;
    public String msgId;
    public String transactionId;
    public String offsetMsgId;

    public CheckTransactionStateRequestHeader() {
    }
}
