package io.tidemq.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The put-latency figures of the runtime info: maximum since start, and the last whole minute's histogram. */
class StoreStatsTest {
    private static final long T0 = 1_700_000_000_000L;

    private static long bucket(String distribution, String label) {
        for (String token : distribution.trim().split(" ")) {
            if (token.startsWith(label + ":")) {
                return Long.parseLong(token.substring(label.length() + 1));
            }
        }
        throw new AssertionError(label + " missing in " + distribution);
    }

    @Test
    void latenciesFallIntoFourPointNineBucketsPerMinute() {
        StoreStats s = new StoreStats(T0);
        s.recordPutLatency(0, T0);
        s.recordPutLatency(3, T0 + 1);
        s.recordPutLatency(10, T0 + 2);
        s.recordPutLatency(750, T0 + 3);
        s.recordPutLatency(12_000, T0 + 4);
        String inProgress = s.putDistribution(T0 + 5);
        assertThat(inProgress).endsWith(" ").startsWith("[<=0ms]:1 [0~10ms]:1 [10~50ms]:1 ");
        assertThat(bucket(inProgress, "[500ms~1s]")).isEqualTo(1);
        assertThat(bucket(inProgress, "[10s~]")).isEqualTo(1);
        assertThat(inProgress.trim().split(" ")).hasSize(13);
        assertThat(s.putMaxMillis()).isEqualTo(12_000);

        // the next minute: the first one is what is reported, whole, while the second fills
        s.recordPutLatency(20, T0 + 61_000);
        String lastMinute = s.putDistribution(T0 + 62_000);
        assertThat(bucket(lastMinute, "[0~10ms]")).isEqualTo(1);
        assertThat(bucket(lastMinute, "[10~50ms]")).isEqualTo(1);
        s.recordPutLatency(25, T0 + 70_000);
        assertThat(bucket(s.putDistribution(T0 + 119_000), "[10~50ms]")).as("still the first minute").isEqualTo(1);
        assertThat(bucket(s.putDistribution(T0 + 121_000), "[10~50ms]")).as("the second minute").isEqualTo(2);
        // minutes without puts report nothing rather than an old busy minute
        assertThat(s.putDistribution(T0 + 400_000).replaceAll("\\[[^]]*]:0 ", "")).isEmpty();
    }
}
