package io.tidemq.namesrv.config;

import io.tidemq.config.ConfigException;
import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigKey.Origin;

import java.io.File;

/**
 * Every NameServer setting with its default; property key = field name (bound by ConfigBinder together with
 * NettyServerConfig, whose {@code listenPort} the NameServer defaults to 9876). Keys and defaults follow Apache
 * RocketMQ 4.9.3's NamesrvConfig; the last two are TideMQ additions.
 */
public class NamesrvConfig {
    @ConfigKey(doc = "Installation folder; conf/logback_namesrv.xml is read from it.",
            defaultText = "$ROCKETMQ_HOME or -Drocketmq.home.dir", important = true)
    private String rocketmqHome = System.getProperty("rocketmq.home.dir", System.getenv("ROCKETMQ_HOME"));

    @ConfigKey(doc = "Where PUT_KV_CONFIG entries (e.g. ORDER_TOPIC_CONFIG) are persisted, in Apache's JSON format.",
            defaultText = "${user.home}/namesrv/kvConfig.json", important = true)
    private String kvConfigPath = userHome() + File.separator + "namesrv" + File.separator + "kvConfig.json";

    @ConfigKey(doc = "Where UPDATE_NAMESRV_CONFIG persists changed settings; the -c file when one is given.",
            defaultText = "the -c file, else ${user.home}/namesrv/namesrv.properties")
    private String configStorePath =
            userHome() + File.separator + "namesrv" + File.separator + "namesrv.properties";

    @ConfigKey(doc = "Environment name of cluster-test mode.",
            noEffect = "cluster-test mode does not fetch routes from another environment (see clusterTest).")
    private String productEnvName = "center";

    @ConfigKey(doc = "Cluster-test mode: routes carry orderTopicConf from the KV table even without "
            + "orderMessageEnable.", live = true)
    private volatile boolean clusterTest = false;

    @ConfigKey(doc = "Add orderTopicConf (KV namespace ORDER_TOPIC_CONFIG) to routes, for globally ordered topics.",
            live = true, important = true)
    private volatile boolean orderMessageEnable = false;

    @ConfigKey(doc = "Run a failover controller in this NameServer, configured by the controller keys in the same "
            + "file (controllerDLegerPeers, controllerDLegerSelfId, ...; see the Controller sections).",
            origin = Origin.ROCKETMQ5, important = true)
    private boolean enableControllerInNamesrv = false;

    @ConfigKey(doc = "How often the NameServer looks for brokers that stopped registering, ms.",
            origin = Origin.TIDEMQ)
    private long scanNotActiveBrokerInterval = 10_000;

    @ConfigKey(doc = "A broker that has not registered for this long is removed from all routes, ms "
            + "(Apache: fixed at 120 s).", origin = Origin.TIDEMQ)
    private long brokerChannelExpiredTime = 120_000;

    @ConfigKey(doc = "Port of the Prometheus endpoint http://<bindAddress>:<metricsPort>/metrics (JVM, route table, "
            + "requests per code; see docs/metrics.md); 0 turns metrics off.", origin = Origin.TIDEMQ,
            defaultText = "listenPort + 1 (9877 for the default 9876); off when listenPort is 0 (an ephemeral port)",
            important = true)
    private int metricsPort = -1;

    public boolean isEnableControllerInNamesrv() {
        return enableControllerInNamesrv;
    }

    /** The port metrics are served on: metricsPort, or its default derived from {@code listenPort}. */
    public int effectiveMetricsPort(int listenPort) {
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new ConfigException("metricsPort must be within 0..65535 (0: metrics off), got " + metricsPort);
        }
        if (metricsPort >= 0) {
            return metricsPort;
        }
        return listenPort == 0 ? 0 : listenPort + 1;
    }

    public int getMetricsPort() {
        return metricsPort;
    }

    public void setMetricsPort(int metricsPort) {
        this.metricsPort = metricsPort;
    }

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
