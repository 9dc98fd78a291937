package io.tidemq.common.protocol.header;

/** Response header of QUERY_MESSAGE. */
public class QueryMessageResponseHeader {
    public Long indexLastUpdateTimestamp;
    public Long indexLastUpdatePhyoffset;

    public QueryMessageResponseHeader() {
    }
}
