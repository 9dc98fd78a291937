package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of QUERY_CONSUME_TIME_SPAN (303). */
public class QueryConsumeTimeSpanRequestHeader {
    @Required
    public String topic;
    @Required
    public String group;

    public QueryConsumeTimeSpanRequestHeader() {
    }
}
