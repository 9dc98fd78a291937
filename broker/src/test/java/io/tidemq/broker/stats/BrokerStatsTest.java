package io.tidemq.broker.stats;

import io.tidemq.store.StoreCounters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrokerStatsTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final StoreCounters NONE = new StoreCounters(0, 0, 0, 0);

    private static void sample(BrokerStats stats, long now) {
        stats.sample(now, NONE);
    }

    @Test
    void runtimeRatesComeFromTheStoresTotals() {
        BrokerStats stats = new BrokerStats("C");
        stats.sample(T0, NONE);
        stats.sample(T0 + 1000, new StoreCounters(100, 5, 3, 80));
        // two seconds sampled (the ring starts with a zero): rates over 2 s while less than a window has passed
        assertThat(stats.putTps()).isEqualTo("50.00 50.00 50.00");
        assertThat(stats.getFoundTps()).isEqualTo("2.50 2.50 2.50");
        assertThat(stats.getMissTps()).isEqualTo("1.50 1.50 1.50");
        assertThat(stats.getTotalTps()).isEqualTo("4.00 4.00 4.00");
        assertThat(stats.getTransferredTps()).isEqualTo("40.00 40.00 40.00");
        stats.rollDay();
        assertThat(stats.putTodayMorning()).isEqualTo(100);
        assertThat(stats.getTodayMorning()).isEqualTo(80);
    }

    @Test
    void groupConsumeTpsIsThePullRateOfThatGroupOnThatTopicOverTheLastMinute() {
        BrokerStats stats = new BrokerStats("C");
        assertThat(stats.groupGetTps("T", "G")).isZero();

        // what was pulled before the first sample counts toward the first 10-second step
        stats.recordGet("T", "G", 100, 1000, 1);
        stats.recordGet("T", "G", 20, 200, 3);
        stats.recordGet("T", "OTHER", 7, 70, 1);
        sample(stats, T0);
        assertThat(stats.groupGetTps("T", "G")).isCloseTo(12.0, within(1e-9));
        assertThat(stats.groupGetTps("T", "OTHER")).isCloseTo(0.7, within(1e-9));
        assertThat(stats.groupGetTps("U", "G")).isZero();

        sample(stats, T0 + 10_000);
        assertThat(stats.groupGetTps("T", "G")).as("120 over 20 s").isCloseTo(6.0, within(1e-9));

        for (int i = 2; i <= 7; i++) {
            sample(stats, T0 + i * 10_000L);
        }
        assertThat(stats.groupGetTps("T", "G")).as("a minute without pulls").isZero();
    }

    @Test
    void keyedItemsGiveMinuteHourAndDaySnapshotsAsVIEW_BROKER_STATS_DATAShowsThem() {
        BrokerStats stats = new BrokerStats("C");
        assertThat(stats.keyed().snapshots(KeyedStats.TOPIC_PUT_NUMS, "T")).isNull();
        stats.recordPut("T", 30, 3000);
        stats.recordPut("T", 10, 1000);
        sample(stats, T0);
        StatsSnapshot[] s = stats.keyed().snapshots(KeyedStats.TOPIC_PUT_NUMS, "T");
        assertThat(s[0]).isEqualTo(new StatsSnapshot(40, 4.0, 20.0));
        assertThat(s[1].sum()).isEqualTo(40);
        assertThat(s[1].tps()).isCloseTo(40 / 600.0, within(1e-9));
        assertThat(s[2].sum()).isEqualTo(40);
        assertThat(stats.keyed().snapshots(KeyedStats.TOPIC_PUT_SIZE, "T")[0].avgpt()).isEqualTo(2000.0);
        // the broker-wide count adds messages but not increments, as 4.9 does: its mean per increment stays 0
        assertThat(stats.keyed().snapshots(KeyedStats.BROKER_PUT_NUMS, "C")[0])
                .isEqualTo(new StatsSnapshot(40, 4.0, 0));

        stats.recordPut("T", 5, 500);
        sample(stats, T0 + 5_000); // not due: the minute window moves in 10-second steps
        assertThat(stats.keyed().snapshots(KeyedStats.TOPIC_PUT_NUMS, "T")[0].sum()).isEqualTo(40);
        sample(stats, T0 + 10_000);
        assertThat(stats.keyed().snapshots(KeyedStats.TOPIC_PUT_NUMS, "T")[0])
                .isEqualTo(new StatsSnapshot(45, 2.25, 15.0));

        stats.recordSendBack("T", "G");
        stats.recordGet("T", "G", 1, 10, 1);
        stats.forgetGroup("G");
        sample(stats, T0 + 20_000);
        assertThat(stats.keyed().snapshots(KeyedStats.SNDBCK_PUT_NUMS, "T@G")).isNull();
        assertThat(stats.keyed().snapshots(KeyedStats.TOPIC_PUT_NUMS, "T")).isNotNull();
        stats.forgetTopic("T");
        assertThat(stats.keyed().snapshots(KeyedStats.TOPIC_PUT_NUMS, "T")).isNull();
    }
}
