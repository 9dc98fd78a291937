package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of QUERY_TOPIC_CONSUME_BY_WHO (300). */
public class QueryTopicConsumeByWhoRequestHeader {
    @Required
    public String topic;

    public QueryTopicConsumeByWhoRequestHeader() {
    }
}
