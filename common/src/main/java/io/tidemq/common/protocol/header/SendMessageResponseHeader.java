package io.tidemq.common.protocol.header;

/** Response header of every send: offset msgId(s), queue and first queue offset. */
public class SendMessageResponseHeader {
    public String msgId;
    public Integer queueId;
    public Long queueOffset;
    public String transactionId;

    public SendMessageResponseHeader() {
    }
}
