package io.tidemq.controller.config;

import io.tidemq.config.ConfigException;
import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigKey.Origin;
import io.tidemq.config.ConfigSection;

/** What {@code mqcontroller} reads from its {@code -c} file: the installation, the scan period, and the group. */
public class ControllerStartupConfig {
    /** How often a controller that a NameServer runs looks for silent brokers, ms (it has no key of its own). */
    public static final long DEFAULT_SCAN_MILLIS = 200;

    @ConfigKey(doc = "Installation folder; conf/logback_controller.xml is read from it.", origin = Origin.ROCKETMQ5,
            defaultText = "$ROCKETMQ_HOME or -Drocketmq.home.dir")
    private String rocketmqHome = System.getProperty("rocketmq.home.dir", System.getenv("ROCKETMQ_HOME"));

    @ConfigKey(doc = "How often the leader looks for brokers whose heartbeats stopped, ms. A broker whose "
            + "connection closes is noticed at once.", origin = Origin.ROCKETMQ5)
    private long scanNotActiveBrokerInterval = DEFAULT_SCAN_MILLIS;

    @ConfigSection
    private final ControllerConfig group = new ControllerConfig();

    public void validate() {
        if (scanNotActiveBrokerInterval < 10) {
            throw new ConfigException("scanNotActiveBrokerInterval must be at least 10 ms, got "
                    + scanNotActiveBrokerInterval);
        }
        group.validate();
    }

    public String getRocketmqHome() {
        return rocketmqHome;
    }

    public long getScanNotActiveBrokerInterval() {
        return scanNotActiveBrokerInterval;
    }

    public ControllerConfig group() {
        return group;
    }
}
