package io.tidemq.common.protocol.header;

/** Response header of QUERY_CONSUMER_OFFSET. */
public class QueryConsumerOffsetResponseHeader {
    public Long offset;

    public QueryConsumerOffsetResponseHeader() {
    }
}
