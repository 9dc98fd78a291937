package io.tidemq.common.protocol.body;

/** Answer of VIEW_BROKER_STATS_DATA: one stats item over the last minute, hour and day. */
public final class BrokerStatsData {
    public BrokerStatsItem statsMinute = new BrokerStatsItem();
    public BrokerStatsItem statsHour = new BrokerStatsItem();
    public BrokerStatsItem statsDay = new BrokerStatsItem();

    /** One window: the sum counted, its rate per second, and the mean per increment. */
    public static final class BrokerStatsItem {
        public long sum;
        public double tps;
        public double avgpt;

        public BrokerStatsItem() {
        }

        public BrokerStatsItem(long sum, double tps, double avgpt) {
            this.sum = sum;
            this.tps = tps;
            this.avgpt = avgpt;
        }
    }
}
