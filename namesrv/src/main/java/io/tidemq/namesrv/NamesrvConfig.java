package io.tidemq.namesrv;

import io.tidemq.common.config.ConfigKey;

import java.io.File;

/**
 * Every NameServer setting with its default; property key = field name (bound by ConfigBinder together with
 * NettyServerConfig, whose {@code listenPort} the NameServer defaults to 9876). Keys and defaults follow Apache
 * RocketMQ 4.9.3's NamesrvConfig; the last two are TideMQ additions.
 */
public class NamesrvConfig {
    /** Installation folder; {@code conf/logback_namesrv.xml} is read from here. */
    @ConfigKey(important = true)
    private String rocketmqHome = System.getProperty("rocketmq.home.dir", System.getenv("ROCKETMQ_HOME"));

    /** Where PUT_KV_CONFIG entries are persisted (JSON). */
    @ConfigKey(important = true)
    private String kvConfigPath = userHome() + File.separator + "namesrv" + File.separator + "kvConfig.json";

    /** Where UPDATE_NAMESRV_CONFIG persists the effective settings; set to the {@code -c} file when one is given. */
    private String configStorePath =
            userHome() + File.separator + "namesrv" + File.separator + "namesrv.properties";

    /** Environment name used by cluster-test mode. */
    private String productEnvName = "center";

    /** Cluster-test mode: routes always carry {@code orderTopicConf} when one is configured. */
    private boolean clusterTest = false;

    /** Add {@code orderTopicConf} (KV namespace ORDER_TOPIC_CONFIG) to routes. */
    @ConfigKey(important = true)
    private boolean orderMessageEnable = false;

    /** How often the NameServer looks for brokers that stopped registering (ms). */
    private long scanNotActiveBrokerInterval = 10_000;

    /** A broker that has not registered for this long (ms) is removed from all routes. */
    private long brokerChannelExpiredTime = 120_000;

    private static String userHome() {
        return System.getProperty("user.home");
    }

    public String getRocketmqHome() {
        return rocketmqHome;
    }

    public void setRocketmqHome(String rocketmqHome) {
        this.rocketmqHome = rocketmqHome;
    }

    public String getKvConfigPath() {
        return kvConfigPath;
    }

    public void setKvConfigPath(String kvConfigPath) {
        this.kvConfigPath = kvConfigPath;
    }

    public String getConfigStorePath() {
        return configStorePath;
    }

    public void setConfigStorePath(String configStorePath) {
        this.configStorePath = configStorePath;
    }

    public String getProductEnvName() {
        return productEnvName;
    }

    public void setProductEnvName(String productEnvName) {
        this.productEnvName = productEnvName;
    }

    public boolean isClusterTest() {
        return clusterTest;
    }

    public void setClusterTest(boolean clusterTest) {
        this.clusterTest = clusterTest;
    }

    public boolean isOrderMessageEnable() {
        return orderMessageEnable;
    }

    public void setOrderMessageEnable(boolean orderMessageEnable) {
        this.orderMessageEnable = orderMessageEnable;
    }

    public long getScanNotActiveBrokerInterval() {
        return scanNotActiveBrokerInterval;
    }

    public void setScanNotActiveBrokerInterval(long scanNotActiveBrokerInterval) {
        this.scanNotActiveBrokerInterval = scanNotActiveBrokerInterval;
    }

    public long getBrokerChannelExpiredTime() {
        return brokerChannelExpiredTime;
    }

    public void setBrokerChannelExpiredTime(long brokerChannelExpiredTime) {
        this.brokerChannelExpiredTime = brokerChannelExpiredTime;
    }
}
