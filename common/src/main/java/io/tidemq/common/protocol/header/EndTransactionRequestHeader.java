package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of END_TRANSACTION (37). */
public class EndTransactionRequestHeader {
    @Required
    public String producerGroup;
    @Required
    public Long tranStateTableOffset;
    @Required
    public Long commitLogOffset;
    @Required
    public Integer commitOrRollback;
    public Boolean fromTransactionCheck;
    @Required
    public String msgId;
    public String transactionId;

    public EndTransactionRequestHeader() {
    }
}
