package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of QUERY_MESSAGE (12); extField _UNIQUE_KEY_QUERY rides alongside. */
public class QueryMessageRequestHeader {
    @Required
    public String topic;
    @Required
    public String key;
    @Required
    public Integer maxNum;
    @Required
    public Long beginTimestamp;
    @Required
    public Long endTimestamp;

    public QueryMessageRequestHeader() {
    }
}
