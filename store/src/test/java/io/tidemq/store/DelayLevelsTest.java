package io.tidemq.store;

import io.tidemq.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelayLevelsTest {
    @Test
    void defaultTableHasEighteenLevels() {
        DelayLevels l = new DelayLevels("1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h");
        assertThat(l.maxLevel()).isEqualTo(18);
        assertThat(l.millisOf(1)).isEqualTo(1000);
        assertThat(l.millisOf(3)).isEqualTo(10_000);
        assertThat(l.millisOf(5)).isEqualTo(60_000);
        assertThat(l.millisOf(18)).isEqualTo(7_200_000);
        assertThat(l.millisOf(40)).isEqualTo(7_200_000);
        assertThat(new DelayLevels("1d").millisOf(1)).isEqualTo(86_400_000L);
    }

    @Test
    void badLevelIsAConfigError() {
        assertThatThrownBy(() -> new DelayLevels("1s 5x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("5x");
    }
}
