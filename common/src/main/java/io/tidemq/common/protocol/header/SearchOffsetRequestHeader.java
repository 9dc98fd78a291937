package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of SEARCH_OFFSET_BY_TIMESTAMP (29). */
public class SearchOffsetRequestHeader {
    @Required
    public String topic;
    @Required
    public Integer queueId;
    @Required
    public Long timestamp;

    public SearchOffsetRequestHeader() {
    }
}
