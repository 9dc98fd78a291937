package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of VIEW_BROKER_STATS_DATA (315). */
public class ViewBrokerStatsDataRequestHeader {
    @Required
    public String statsName;
    @Required
    public String statsKey;

    public ViewBrokerStatsDataRequestHeader() {
    }
}
