package io.tidemq.broker.stats;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** disableConsumeIfConsumerReadSlowly: which groups are turned off, and that it persists. */
class SlowConsumerProtectionTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path dir;
    private BrokerConfig config;
    private SubscriptionGroupManager groups;
    private SlowConsumerProtection protection;

    @BeforeEach
    void setUp() {
        config = new BrokerConfig();
        config.setDisableConsumeIfConsumerReadSlowly(true);
        config.setConsumerFallbehindThreshold(16 * GIB);
        groups = new SubscriptionGroupManager(config, dir);
        groups.load();
        for (String g : new String[] {"slow", "fast", "edge"}) {
            groups.update(new SubscriptionGroupConfig(g));
        }
        protection = new SlowConsumerProtection(config, groups);
    }

    @Test
    void onlyAGroupWithAQueuePastTheThresholdIsDisabledAndThatIsPersisted() {
        long end = 40 * GIB;
        protection.recordPull("slow", "T", 0, end, end - 1024);
        protection.recordPull("slow", "T", 1, end, end - 17 * GIB);
        protection.recordPull("fast", "T", 0, end, end - 1024);
        protection.recordPull("edge", "T", 0, end, end - 16 * GIB); // at the threshold: not past it

        assertThat(protection.protect()).containsExactly("slow");
        assertThat(groups.find("slow").consumeEnable).isFalse();
        assertThat(groups.find("fast").consumeEnable).isTrue();
        assertThat(groups.find("edge").consumeEnable).isTrue();

        SubscriptionGroupManager reloaded = new SubscriptionGroupManager(config, dir);
        reloaded.load();
        assertThat(reloaded.find("slow").consumeEnable).isFalse();
        assertThat(reloaded.find("fast").consumeEnable).isTrue();
    }

    @Test
    void theNewestPullPerQueueCountsAndEachRoundStartsAfresh() {
        long end = 40 * GIB;
        protection.recordPull("slow", "T", 0, end, 0);
        protection.recordPull("slow", "T", 0, end, end - 10); // caught up before the check
        assertThat(protection.protect()).isEmpty();
        protection.recordPull("slow", "T", 0, end, 0);
        assertThat(protection.protect()).containsExactly("slow");
        assertThat(protection.protect()).as("nothing recorded since").isEmpty();
        protection.recordPull("slow", "T", 0, end, 0);
        assertThat(protection.protect()).as("already disabled").isEmpty();
    }

    @Test
    void nothingIsDisabledWhenTheSwitchIsOff() {
        config.setDisableConsumeIfConsumerReadSlowly(false);
        protection.recordPull("slow", "T", 0, 40 * GIB, 0);
        config.setDisableConsumeIfConsumerReadSlowly(true);
        assertThat(protection.protect()).isEmpty();
        assertThat(groups.find("slow").consumeEnable).isTrue();
    }

    @Test
    void anUnknownGroupIsNotCreated() {
        protection.recordPull("ghost", "T", 0, 40 * GIB, 0);
        assertThat(protection.protect()).isEmpty();
        assertThat(groups.find("ghost")).isNull();
    }
}
