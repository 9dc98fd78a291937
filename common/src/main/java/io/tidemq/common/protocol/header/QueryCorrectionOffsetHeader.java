package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of QUERY_CORRECTION_OFFSET (308). */
public class QueryCorrectionOffsetHeader {
    public String filterGroups;
    @Required
    public String compareGroup;
    @Required
    public String topic;

    public QueryCorrectionOffsetHeader() {
    }
}
