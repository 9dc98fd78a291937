package io.tidemq.broker.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrokerStatsTest {
    @Test
    void groupConsumeTpsIsThePullRateOfThatGroupOnThatTopicOverTheLastMinute() {
        BrokerStats stats = new BrokerStats();
        assertThat(stats.groupGetTps("T", "G")).isZero();

        // the first pulls of a group count, although its entry only exists from them on
        stats.recordGroupGet("T", "G", 100);
        stats.recordGroupGet("T", "G", 20);
        stats.recordGroupGet("T", "OTHER", 7);
        stats.sample();
        assertThat(stats.groupGetTps("T", "G")).isCloseTo(120.0, within(1e-9));
        assertThat(stats.groupGetTps("T", "OTHER")).isCloseTo(7.0, within(1e-9));
        assertThat(stats.groupGetTps("U", "G")).isZero();

        stats.sample();
        assertThat(stats.groupGetTps("T", "G")).isCloseTo(60.0, within(1e-9));

        for (int i = 0; i < 60; i++) {
            stats.sample();
        }
        assertThat(stats.groupGetTps("T", "G")).as("a minute without pulls").isZero();
    }
}
