package io.tidemq.broker;

import io.tidemq.common.config.ConfigException;
import io.tidemq.common.config.ConfigKey;

import java.io.File;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;

/**
 * Every broker setting that is not about the store or the transport, with its RocketMQ property key (the field name)
 * and default. Bound together with MessageStoreConfig and the Netty configs by {@code ConfigBinder}.
 */
public class BrokerConfig {
    /** Installation directory (bin/, conf/, lib/); from ROCKETMQ_HOME or rocketmq.home.dir. */
    private String rocketmqHome = System.getProperty("rocketmq.home.dir", System.getenv("ROCKETMQ_HOME"));
    /** NameServer addresses, {@code host:port;host:port}. */
    @ConfigKey(important = true)
    private String namesrvAddr = System.getProperty("rocketmq.namesrv.addr", System.getenv("NAMESRV_ADDR"));
    /** Address clients reach this broker on (routes, message ids, store host). */
    @ConfigKey(important = true)
    private String brokerIP1 = localAddress();
    /** Address slaves use for replication ({@code haServerAddr}). */
    @ConfigKey(important = true)
    private String brokerIP2 = localAddress();
    @ConfigKey(important = true)
    private String brokerName = localHostName();
    @ConfigKey(important = true)
    private String brokerClusterName = "DefaultCluster";
    /** 0 for a master, greater than 0 for a slave. */
    @ConfigKey(important = true)
    private long brokerId = 0;
    /** Read/write permission of the whole broker (6 = read+write, 4 = read-only). */
    private int brokerPermission = 6;
    /** Queues of TBW102, the template of auto-created topics. */
    private int defaultTopicQueueNums = 8;
    /** Create topics on first send (through TBW102). */
    @ConfigKey(important = true)
    private boolean autoCreateTopicEnable = true;
    private boolean clusterTopicEnable = true;
    private boolean brokerTopicEnable = true;
    /** Create subscription groups on first heartbeat. */
    private boolean autoCreateSubscriptionGroup = true;
    private int sendMessageThreadPoolNums = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    private int pullMessageThreadPoolNums = 16 + Runtime.getRuntime().availableProcessors() * 2;
    private int queryMessageThreadPoolNums = 8 + Runtime.getRuntime().availableProcessors();
    private int adminBrokerThreadPoolNums = 16;
    private int clientManageThreadPoolNums = 32;
    private int consumerManageThreadPoolNums = 32;
    private int heartbeatThreadPoolNums = Math.min(32, Runtime.getRuntime().availableProcessors());
    private int endTransactionThreadPoolNums = 8 + Runtime.getRuntime().availableProcessors() * 2;
    private int sendThreadPoolQueueCapacity = 10000;
    private int pullThreadPoolQueueCapacity = 100000;
    private int queryThreadPoolQueueCapacity = 20000;
    private int clientManagerThreadPoolQueueCapacity = 1000000;
    private int consumerManagerThreadPoolQueueCapacity = 1000000;
    private int heartbeatThreadPoolQueueCapacity = 50000;
    private int endTransactionPoolQueueCapacity = 100000;
    /** Answer SYSTEM_BUSY to sends that waited too long in the queue instead of letting clients time out. */
    private boolean brokerFastFailureEnable = true;
    private long waitTimeMillsInSendQueue = 200;
    private long waitTimeMillsInPullQueue = 5 * 1000;
    private long waitTimeMillsInHeartbeatQueue = 31 * 1000;
    private long waitTimeMillsInTransactionQueue = 3 * 1000;
    /** Interval of the periodic registration with every NameServer, ms (clamped to 10 s..60 s). */
    private int registerNameServerPeriod = 1000 * 30;
    private int registerBrokerTimeoutMills = 6000;
    private boolean forceRegister = true;
    private boolean compressedRegister = false;
    /** Hold pulls that find nothing until a message arrives (long polling). */
    private boolean longPollingEnable = true;
    private long shortPollingTimeMills = 1000;
    private boolean notifyConsumerIdsChangedEnable = true;
    /** Let the master point consumers at a slave when the data they read is cold. */
    private boolean slaveReadEnable = false;
    /** Echoed in send responses as MSG_REGION / TRACE_ON. */
    private String regionId = "DefaultRegion";
    private boolean traceOn = true;
    private boolean traceTopicEnable = false;
    private String msgTraceTopicName = "RMQ_SYS_TRACE_TOPIC";
    private boolean rejectTransactionMessage = false;
    private boolean enablePropertyFilter = false;
    private boolean enableCalcFilterBitMap = false;
    private boolean filterSupportRetry = false;
    private boolean aclEnable = false;
    private boolean storeReplyMessageEnable = true;
    private boolean isolateLogEnable = false;
    /** Persist consumer offsets this often, ms. */
    private int flushConsumerOffsetInterval = 1000 * 5;
    /** A client channel silent this long is dropped, ms. */
    private long channelExpiredTimeout = 1000 * 120;
    private long transactionTimeOut = 6_000;
    private int transactionCheckMax = 15;
    private long transactionCheckInterval = 60 * 1000;
    /** SYNC_MASTER wait for the slave's acknowledgement, ms. */
    private int slaveTimeout = 3000;
    /** SYNC_MASTER: refuse sends that could not reach a slave instead of keeping them on the master alone. */
    private boolean syncMasterStrict = false;
    /** Slave: how often topics, groups and offsets are copied from the master, ms (TideMQ key). */
    private long slaveSynchronizeInterval = 10_000;
    private boolean offsetCheckInSlave = false;
    private boolean highSpeedMode = false;
    private boolean commercialEnable = true;
    private boolean useTLS = false;
    private int filterServerNums = 0;
    private boolean fetchNamesrvAddrByAddressServer = false;
    private boolean autoDeleteUnusedStats = false;

    /** Checks values that the binder cannot; throws {@link ConfigException} naming the key. */
    public void validate() {
        if (brokerName == null || brokerName.isBlank()) {
            throw new ConfigException("brokerName must not be empty");
        }
        if (brokerIP1 == null || brokerIP1.isBlank()) {
            throw new ConfigException("brokerIP1 must not be empty");
        }
        if ((brokerPermission & ~7) != 0) {
            throw new ConfigException("brokerPermission must be within 0..7, got " + brokerPermission);
        }
        if (defaultTopicQueueNums <= 0) {
            throw new ConfigException("defaultTopicQueueNums must be positive");
        }
        if (namesrvAddr != null && !namesrvAddr.isBlank()) {
            for (String addr : namesrvAddr.split(";")) {
                String a = addr.trim();
                int colon = a.lastIndexOf(':');
                boolean ok = colon > 0;
                if (ok) {
                    try {
                        int port = Integer.parseInt(a.substring(colon + 1));
                        ok = port > 0 && port < 65536;
                    } catch (NumberFormatException e) {
                        ok = false;
                    }
                }
                if (!ok) {
                    throw new ConfigException("The Name Server Address[" + namesrvAddr
                            + "] illegal, please set it as follows, \"127.0.0.1:9876;192.168.0.1:9876\"");
                }
            }
        }
    }

    /** The first non-loopback IPv4 address, or 127.0.0.1 when there is none. */
    private static String localAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isLoopback() || !ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (Exception ignored) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "DEFAULT_BROKER";
        }
    }

    /** The configuration directory the broker keeps its JSON tables in, under the store root. */
    public static String configDir(String storeRoot) {
        return storeRoot + File.separator + "config";
    }

    public String getRocketmqHome() { return rocketmqHome; }
    public void setRocketmqHome(String v) { rocketmqHome = v; }
    public String getNamesrvAddr() { return namesrvAddr; }
    public void setNamesrvAddr(String v) { namesrvAddr = v; }
    public String getBrokerIP1() { return brokerIP1; }
    public void setBrokerIP1(String v) { brokerIP1 = v; }
    public String getBrokerIP2() { return brokerIP2; }
    public void setBrokerIP2(String v) { brokerIP2 = v; }
    public String getBrokerName() { return brokerName; }
    public void setBrokerName(String v) { brokerName = v; }
    public String getBrokerClusterName() { return brokerClusterName; }
    public void setBrokerClusterName(String v) { brokerClusterName = v; }
    public long getBrokerId() { return brokerId; }
    public void setBrokerId(long v) { brokerId = v; }
    public int getBrokerPermission() { return brokerPermission; }
    public void setBrokerPermission(int v) { brokerPermission = v; }
    public int getDefaultTopicQueueNums() { return defaultTopicQueueNums; }
    public void setDefaultTopicQueueNums(int v) { defaultTopicQueueNums = v; }
    public boolean isAutoCreateTopicEnable() { return autoCreateTopicEnable; }
    public void setAutoCreateTopicEnable(boolean v) { autoCreateTopicEnable = v; }
    public boolean isClusterTopicEnable() { return clusterTopicEnable; }
    public boolean isBrokerTopicEnable() { return brokerTopicEnable; }
    public boolean isAutoCreateSubscriptionGroup() { return autoCreateSubscriptionGroup; }
    public void setAutoCreateSubscriptionGroup(boolean v) { autoCreateSubscriptionGroup = v; }
    public int getSendMessageThreadPoolNums() { return sendMessageThreadPoolNums; }
    public int getPullMessageThreadPoolNums() { return pullMessageThreadPoolNums; }
    public int getQueryMessageThreadPoolNums() { return queryMessageThreadPoolNums; }
    public int getAdminBrokerThreadPoolNums() { return adminBrokerThreadPoolNums; }
    public int getClientManageThreadPoolNums() { return clientManageThreadPoolNums; }
    public int getConsumerManageThreadPoolNums() { return consumerManageThreadPoolNums; }
    public int getHeartbeatThreadPoolNums() { return heartbeatThreadPoolNums; }
    public int getEndTransactionThreadPoolNums() { return endTransactionThreadPoolNums; }
    public int getSendThreadPoolQueueCapacity() { return sendThreadPoolQueueCapacity; }
    public int getPullThreadPoolQueueCapacity() { return pullThreadPoolQueueCapacity; }
    public int getQueryThreadPoolQueueCapacity() { return queryThreadPoolQueueCapacity; }
    public int getClientManagerThreadPoolQueueCapacity() { return clientManagerThreadPoolQueueCapacity; }
    public int getConsumerManagerThreadPoolQueueCapacity() { return consumerManagerThreadPoolQueueCapacity; }
    public int getHeartbeatThreadPoolQueueCapacity() { return heartbeatThreadPoolQueueCapacity; }
    public int getEndTransactionPoolQueueCapacity() { return endTransactionPoolQueueCapacity; }
    public boolean isBrokerFastFailureEnable() { return brokerFastFailureEnable; }
    public long getWaitTimeMillsInSendQueue() { return waitTimeMillsInSendQueue; }
    public void setWaitTimeMillsInSendQueue(long v) { waitTimeMillsInSendQueue = v; }
    public long getWaitTimeMillsInPullQueue() { return waitTimeMillsInPullQueue; }
    public long getWaitTimeMillsInHeartbeatQueue() { return waitTimeMillsInHeartbeatQueue; }
    public long getWaitTimeMillsInTransactionQueue() { return waitTimeMillsInTransactionQueue; }
    public int getRegisterNameServerPeriod() { return registerNameServerPeriod; }
    public void setRegisterNameServerPeriod(int v) { registerNameServerPeriod = v; }
    public int getRegisterBrokerTimeoutMills() { return registerBrokerTimeoutMills; }
    public boolean isForceRegister() { return forceRegister; }
    public boolean isCompressedRegister() { return compressedRegister; }
    public boolean isLongPollingEnable() { return longPollingEnable; }
    public long getShortPollingTimeMills() { return shortPollingTimeMills; }
    public boolean isNotifyConsumerIdsChangedEnable() { return notifyConsumerIdsChangedEnable; }
    public boolean isSlaveReadEnable() { return slaveReadEnable; }
    public void setSlaveReadEnable(boolean v) { slaveReadEnable = v; }
    public String getRegionId() { return regionId; }
    public boolean isTraceOn() { return traceOn; }
    public boolean isTraceTopicEnable() { return traceTopicEnable; }
    public String getMsgTraceTopicName() { return msgTraceTopicName; }
    public boolean isRejectTransactionMessage() { return rejectTransactionMessage; }
    public boolean isEnablePropertyFilter() { return enablePropertyFilter; }
    public boolean isFilterSupportRetry() { return filterSupportRetry; }
    public boolean isAclEnable() { return aclEnable; }
    public boolean isStoreReplyMessageEnable() { return storeReplyMessageEnable; }
    public boolean isIsolateLogEnable() { return isolateLogEnable; }
    public int getFlushConsumerOffsetInterval() { return flushConsumerOffsetInterval; }
    public void setFlushConsumerOffsetInterval(int v) { flushConsumerOffsetInterval = v; }
    public long getChannelExpiredTimeout() { return channelExpiredTimeout; }
    public long getTransactionTimeOut() { return transactionTimeOut; }
    public int getTransactionCheckMax() { return transactionCheckMax; }
    public long getTransactionCheckInterval() { return transactionCheckInterval; }
    public int getSlaveTimeout() { return slaveTimeout; }
    public boolean isSyncMasterStrict() { return syncMasterStrict; }
    public long getSlaveSynchronizeInterval() { return slaveSynchronizeInterval; }
}
