package io.tidemq.common.protocol.header;

/** Header of GET_BROKER_CONSUME_STATS (317). */
public class GetConsumeStatsInBrokerHeader {
    public boolean isOrder;

    public GetConsumeStatsInBrokerHeader() {
    }
}
