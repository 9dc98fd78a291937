package io.tidemq.broker.config;

import io.tidemq.broker.acl.AclException;
import io.tidemq.broker.acl.ClientCredentials;
import io.tidemq.config.ConfigException;
import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigSection;
import io.tidemq.config.ConfigKey.Origin;

import java.io.File;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;

/**
 * Every broker setting that is not about the store or the transport, with its RocketMQ property key (the field name),
 * default and meaning (see {@link ConfigKey}; docs/configuration.md is generated from these declarations). Bound
 * together with MessageStoreConfig and the Netty configs by {@code ConfigBinder}. Settings marked live are volatile
 * and read at each use.
 */
public class BrokerConfig {
    // ---------------------------------------------------------------- identity and addresses

    @ConfigKey(doc = "Installation folder (bin/, conf/, lib/); conf/logback_broker.xml is read from it.",
            defaultText = "$ROCKETMQ_HOME or -Drocketmq.home.dir")
    private String rocketmqHome = System.getProperty("rocketmq.home.dir", System.getenv("ROCKETMQ_HOME"));
    @ConfigKey(doc = "NameServer addresses, host:port;host:port (also -n). Empty: the broker registers nowhere "
            + "unless fetchNamesrvAddrByAddressServer.", defaultText = "$NAMESRV_ADDR or -Drocketmq.namesrv.addr",
            important = true)
    private volatile String namesrvAddr = System.getProperty("rocketmq.namesrv.addr", System.getenv("NAMESRV_ADDR"));
    @ConfigKey(doc = "Address clients reach this broker on (routes, message ids, store host).",
            defaultText = "the first non-loopback IPv4 address", important = true)
    private String brokerIP1 = localAddress();
    @ConfigKey(doc = "Address a master announces for replication (slaves connect to brokerIP2:listenPort+1).",
            defaultText = "the first non-loopback IPv4 address")
    private String brokerIP2 = localAddress();
    @ConfigKey(doc = "Name shared by a master and its slaves.", defaultText = "the host name", important = true)
    private String brokerName = localHostName();
    @ConfigKey(doc = "Cluster the broker registers in.", important = true)
    private String brokerClusterName = "DefaultCluster";
    @ConfigKey(doc = "0 for a master (forced for ASYNC_MASTER and SYNC_MASTER), greater than 0 for a slave. Changed at "
            + "runtime only together with a role switch (see brokerRole).", important = true, live = true)
    private volatile long brokerId = 0;
    @ConfigSection
    private final ControllerModeConfig controllerMode = new ControllerModeConfig();
    @ConfigKey(doc = "Read/write permission of the whole broker: 6 = read and write, 4 = read only (what mqadmin "
            + "wipeWritePerm sets on the NameServer), 2 = write only.", live = true)
    private volatile int brokerPermission = 6;
    @ConfigKey(doc = "Region reported to clients in send responses (MSG_REGION), used by message trace.", live = true)
    private volatile String regionId = "DefaultRegion";
    @ConfigKey(doc = "Reported to clients in send responses (TRACE_ON): whether message trace may be used.",
            live = true)
    private volatile boolean traceOn = true;
    @ConfigKey(doc = "Separate log folders per broker on one host: logs go to ~/logs/rocketmqlogs/"
            + "<brokerName>_<brokerId>/ (the brokerLogDir variable of logback_broker.xml).")
    private boolean isolateLogEnable = false;

    // ---------------------------------------------------------------- topics and groups

    @ConfigKey(doc = "Queues of TBW102, the template of topics created on first send.")
    private volatile int defaultTopicQueueNums = 8;
    @ConfigKey(doc = "Create a topic on its first send (through TBW102). Usually false in production.", live = true,
            important = true)
    private volatile boolean autoCreateTopicEnable = true;
    @ConfigKey(doc = "Create the topic named after the cluster (used to create topics cluster-wide).")
    private boolean clusterTopicEnable = true;
    @ConfigKey(doc = "Create the topic named after the broker.")
    private boolean brokerTopicEnable = true;
    @ConfigKey(doc = "Create a subscription group on its first heartbeat or pull.", live = true, important = true)
    private volatile boolean autoCreateSubscriptionGroup = true;
    @ConfigKey(doc = "Create the message-trace topic (msgTraceTopicName) on this broker.", important = true)
    private boolean traceTopicEnable = false;
    @ConfigKey(doc = "Name of the message-trace topic.", important = true)
    private String msgTraceTopicName = "RMQ_SYS_TRACE_TOPIC";

    // ---------------------------------------------------------------- thread pools

    @ConfigKey(doc = "Threads handling sends (and sends back of consumers).",
            defaultText = "min(4, cores)")
    private int sendMessageThreadPoolNums = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    @ConfigKey(doc = "Apache: threads completing asynchronous puts.",
            noEffect = "a put completes on the thread that made it durable (flush or replication); no extra pool.",
            defaultText = "min(4, cores)")
    private int putMessageFutureThreadPoolNums = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    @ConfigKey(doc = "Threads handling pulls.", defaultText = "16 + 2 x cores")
    private int pullMessageThreadPoolNums = 16 + Runtime.getRuntime().availableProcessors() * 2;
    @ConfigKey(doc = "Threads handling replies of request-reply (SEND_REPLY_MESSAGE).",
            defaultText = "16 + 2 x cores")
    private int processReplyMessageThreadPoolNums = 16 + Runtime.getRuntime().availableProcessors() * 2;
    @ConfigKey(doc = "Threads handling queries by key and by id.", defaultText = "8 + cores")
    private int queryMessageThreadPoolNums = 8 + Runtime.getRuntime().availableProcessors();
    @ConfigKey(doc = "Threads handling admin requests.")
    private int adminBrokerThreadPoolNums = 16;
    @ConfigKey(doc = "Threads handling client unregistration and config checks.")
    private int clientManageThreadPoolNums = 32;
    @ConfigKey(doc = "Threads handling consumer offset and group requests.")
    private int consumerManageThreadPoolNums = 32;
    @ConfigKey(doc = "Threads handling heartbeats.", defaultText = "min(32, cores)")
    private int heartbeatThreadPoolNums = Math.min(32, Runtime.getRuntime().availableProcessors());
    @ConfigKey(doc = "Threads handling transaction commits and rollbacks.",
            defaultText = "max(8 + 2 x cores, 4 x sendMessageThreadPoolNums)")
    private int endTransactionThreadPoolNums = Math.max(8 + Runtime.getRuntime().availableProcessors() * 2,
            sendMessageThreadPoolNums * 4);
    @ConfigKey(doc = "Sends queued at most before new ones are refused with SYSTEM_BUSY.")
    private int sendThreadPoolQueueCapacity = 10000;
    @ConfigKey(doc = "Apache: queue of the asynchronous put pool.", noEffect = "see putMessageFutureThreadPoolNums.")
    private int putThreadPoolQueueCapacity = 10000;
    @ConfigKey(doc = "Pulls queued at most.")
    private int pullThreadPoolQueueCapacity = 100000;
    @ConfigKey(doc = "Replies queued at most.")
    private int replyThreadPoolQueueCapacity = 10000;
    @ConfigKey(doc = "Queries queued at most.")
    private int queryThreadPoolQueueCapacity = 20000;
    @ConfigKey(doc = "Client-management requests queued at most.")
    private int clientManagerThreadPoolQueueCapacity = 1000000;
    @ConfigKey(doc = "Consumer-management requests queued at most.")
    private int consumerManagerThreadPoolQueueCapacity = 1000000;
    @ConfigKey(doc = "Heartbeats queued at most.")
    private int heartbeatThreadPoolQueueCapacity = 50000;
    @ConfigKey(doc = "Transaction ends queued at most.")
    private int endTransactionPoolQueueCapacity = 100000;

    // ---------------------------------------------------------------- flow control

    @ConfigKey(doc = "Answer SYSTEM_BUSY ([TIMEOUT_CLEAN_QUEUE]broker busy) to requests that waited too long in "
            + "their queue, instead of letting clients time out; also refuses sends while the page cache is busy.",
            live = true)
    private volatile boolean brokerFastFailureEnable = true;
    @ConfigKey(doc = "Longest wait of a send in its queue, ms.", live = true)
    private volatile long waitTimeMillsInSendQueue = 200;
    @ConfigKey(doc = "Longest wait of a pull in its queue, ms.", live = true)
    private volatile long waitTimeMillsInPullQueue = 5 * 1000;
    @ConfigKey(doc = "Longest wait of a heartbeat in its queue, ms.", live = true)
    private volatile long waitTimeMillsInHeartbeatQueue = 31 * 1000;
    @ConfigKey(doc = "Longest wait of a transaction end in its queue, ms.", live = true)
    private volatile long waitTimeMillsInTransactionQueue = 3 * 1000;
    @ConfigKey(doc = "Refuse sends (SYSTEM_ERROR) until this time, ms since the epoch; 0 = accept at once.",
            live = true)
    private volatile long startAcceptSendRequestTimeStamp = 0L;
    @ConfigKey(doc = "Every 3 minutes, disable consumption for a group whose pulls read more than "
            + "consumerFallbehindThreshold bytes behind the CommitLog's end (consumeEnable=false; re-enable with "
            + "mqadmin updateSubGroup).", live = true)
    private volatile boolean disableConsumeIfConsumerReadSlowly = false;
    @ConfigKey(doc = "See disableConsumeIfConsumerReadSlowly, bytes.", live = true)
    private volatile long consumerFallbehindThreshold = 1024L * 1024 * 1024 * 16;

    // ---------------------------------------------------------------- registration

    @ConfigKey(doc = "Interval of the periodic registration with every NameServer, ms (clamped to 10 s .. 60 s).")
    private int registerNameServerPeriod = 1000 * 30;
    @ConfigKey(doc = "Timeout of one registration call, ms.", live = true)
    private volatile int registerBrokerTimeoutMills = 6000;
    @ConfigKey(doc = "Register periodically even when nothing changed; false asks each NameServer for its data "
            + "version first (QUERY_DATA_VERSION) and re-registers only where it differs.", live = true)
    private volatile boolean forceRegister = true;
    @ConfigKey(doc = "Send the registration body zlib-compressed (large topic tables).", live = true)
    private volatile boolean compressedRegister = false;
    @ConfigKey(doc = "Fetch the NameServer list over HTTP from the address server (system properties "
            + "rocketmq.namesrv.domain and rocketmq.namesrv.domain.subgroup, or the file keys rmqAddressServerDomain "
            + "and rmqAddressServerSubGroup), at start and every 2 minutes, when namesrvAddr is not set.",
            important = true)
    private boolean fetchNamesrvAddrByAddressServer = false;
    @ConfigKey(doc = "Host (and optionally :port, default 8080) of the address server; Apache reads it from the "
            + "-c file into the system property rocketmq.namesrv.domain.", defaultText = "jmenv.tbsite.net")
    private String rmqAddressServerDomain = System.getProperty("rocketmq.namesrv.domain", "jmenv.tbsite.net");
    @ConfigKey(doc = "Path of the address server's list (http://<domain>/rocketmq/<subgroup>); Apache reads it into "
            + "rocketmq.namesrv.domain.subgroup.", defaultText = "nsaddr")
    private String rmqAddressServerSubGroup = System.getProperty("rocketmq.namesrv.domain.subgroup", "nsaddr");

    // ---------------------------------------------------------------- consumption

    @ConfigKey(doc = "Hold pulls that find nothing until a message arrives (long polling).", live = true)
    private volatile boolean longPollingEnable = true;
    @ConfigKey(doc = "Without long polling: how long a pull that finds nothing is held, ms.", live = true)
    private volatile long shortPollingTimeMills = 1000;
    @ConfigKey(doc = "Tell a group's consumers when one joins or leaves, so they rebalance at once.", live = true)
    private volatile boolean notifyConsumerIdsChangedEnable = true;
    @ConfigKey(doc = "Let a master point consumers at a slave when what they read is no longer in memory.",
            live = true)
    private volatile boolean slaveReadEnable = false;
    @ConfigKey(doc = "Persist consumer offsets this often, ms.")
    private int flushConsumerOffsetInterval = 1000 * 5;
    @ConfigKey(doc = "Apache 4.9.3 declares it and reads it nowhere.", noEffect = "unused in Apache 4.9.3 as well.")
    private int flushConsumerOffsetHistoryInterval = 1000 * 60;
    @ConfigKey(doc = "A client channel silent this long is dropped, ms (Apache: fixed at 120 s).",
            origin = Origin.TIDEMQ)
    private long channelExpiredTimeout = 1000 * 120;
    @ConfigKey(doc = "Pull responses copy messages through the heap (true) or ship them from the mapped file.",
            noEffect = "pull responses always ship the stored bytes from the mapped file without a heap copy.")
    private boolean transferMsgByHeap = true;

    // ---------------------------------------------------------------- filters

    @ConfigKey(doc = "Serve SQL92 (property) subscriptions: expressions are checked at subscribe time and messages "
            + "filtered on the broker at pull time. On by default (Apache 4.9 ships it off, the most asked-about "
            + "reason SQL92 \"does not work\"); false refuses SQL92 subscriptions with Apache's error.", live = true)
    private volatile boolean enablePropertyFilter = true;
    @ConfigKey(doc = "Apache: precompute per-group filter bit maps into the consume-queue extension.",
            noEffect = "filters are evaluated at pull time; no bit maps are built.")
    private boolean enableCalcFilterBitMap = false;
    @ConfigKey(doc = "Apache: consumers expected to use filters (bit-map size).",
            noEffect = "see enableCalcFilterBitMap.")
    private int expectConsumerNumUseFilter = 32;
    @ConfigKey(doc = "Apache: error rate of the bit-map bloom filter, 1..100.",
            noEffect = "see enableCalcFilterBitMap.")
    private int maxErrorRateOfBloomFilter = 20;
    @ConfigKey(doc = "Apache: how long filter data of a gone consumer is kept, ms.",
            noEffect = "see enableCalcFilterBitMap.")
    private long filterDataCleanTimeSpan = 24 * 3600 * 1000;
    @ConfigKey(doc = "Apply SQL92 filters to the group's retry topic too.", live = true)
    private volatile boolean filterSupportRetry = false;
    @ConfigKey(doc = "Apache: filter-server processes per broker (class filters).",
            noEffect = "class-filter servers are not supported (RocketMQ 5 removed them); use tags or SQL92.")
    private int filterServerNums = 0;

    // ---------------------------------------------------------------- transactions, replies

    @ConfigKey(doc = "Refuse transactional (half) messages.", live = true, important = true)
    private volatile boolean rejectTransactionMessage = false;
    @ConfigKey(doc = "A half message is checked back with its producer once it is older than this, ms.",
            important = true)
    private long transactionTimeOut = 6_000;
    @ConfigKey(doc = "Check-backs of one half message before it is given up.", important = true)
    private int transactionCheckMax = 15;
    @ConfigKey(doc = "Interval of the check-back scan, ms.", important = true)
    private long transactionCheckInterval = 60 * 1000;
    @ConfigKey(doc = "Store replies of request-reply as messages of their reply topic (besides pushing them).",
            live = true)
    private volatile boolean storeReplyMessageEnable = true;

    // ---------------------------------------------------------------- replication

    @ConfigKey(doc = "SYNC_MASTER: how long a send waits for a slave's acknowledgement before FLUSH_SLAVE_TIMEOUT, "
            + "ms (Apache declares it in its store config).", live = true)
    private volatile int slaveTimeout = 3000;
    @ConfigKey(doc = "SYNC_MASTER: refuse sends (SLAVE_NOT_AVAILABLE) when no slave can take them, instead of "
            + "keeping them on the master alone (Apache's behaviour).", origin = Origin.TIDEMQ, live = true)
    private volatile boolean syncMasterStrict = false;
    @ConfigKey(doc = "Slave: how often topics, groups and offsets are copied from the master, ms.",
            origin = Origin.TIDEMQ)
    private long slaveSynchronizeInterval = 10_000;

    // ---------------------------------------------------------------- metrics

    @ConfigKey(doc = "Port of the Prometheus endpoint http://<bindAddress>:<metricsPort>/metrics (JVM, latency "
            + "histograms, rocketmq-exporter's families; see docs/metrics.md); 0 turns metrics off.",
            origin = Origin.TIDEMQ, defaultText = "listenPort + 6 (10917 for the default 10911)", important = true)
    private int metricsPort = -1;

    // ---------------------------------------------------------------- security

    @ConfigKey(doc = "Plain ACL: every request must come from a whitelisted address or be signed by an account of "
            + "<rocketmqHome>/conf/plain_acl.yml (or -Drocketmq.acl.plain.file, and conf/acl/*.yml) holding the "
            + "permissions it needs. The files are reloaded within a second of a change; a missing or invalid file "
            + "stops start-up. See docs/security.md.", important = true)
    private boolean aclEnable = false;
    @ConfigKey(doc = "Credentials the broker signs its own requests with (registration, a slave's metadata sync from "
            + "its master), as JSON {\"accessKey\":\"...\",\"secretKey\":\"...\"}; empty: unsigned. Needed when "
            + "the master has aclEnable=true and the slave's address is not whitelisted.",
            origin = Origin.ROCKETMQ5, secret = true)
    private String innerClientAuthenticationCredentials = "";

    // ---------------------------------------------------------------- accepted without effect

    @ConfigKey(doc = "Apache: class name of a message-store plug-in chain.",
            onlyDefault = "message-store plug-ins are not supported; a plug-in's behaviour would be lost.")
    private String messageStorePlugIn = "";
    @ConfigKey(doc = "Declared by Apache 4.9.3 and read nowhere.", noEffect = "unused in Apache 4.9.3 as well.")
    private boolean highSpeedMode = false;
    @ConfigKey(doc = "Apache: commercial statistics.", noEffect = "commercial statistics are not kept.")
    private boolean commercialEnable = true;
    @ConfigKey(doc = "Apache: commercial statistics.", noEffect = "commercial statistics are not kept.")
    private int commercialTimerCount = 1;
    @ConfigKey(doc = "Apache: commercial statistics.", noEffect = "commercial statistics are not kept.")
    private int commercialTransCount = 1;
    @ConfigKey(doc = "Apache: commercial statistics.", noEffect = "commercial statistics are not kept.")
    private int commercialBigCount = 1;
    @ConfigKey(doc = "Apache: commercial statistics.", noEffect = "commercial statistics are not kept.")
    private int commercialBaseCount = 1;
    @ConfigKey(doc = "Declared by Apache 4.9.3 and read nowhere.", noEffect = "unused in Apache 4.9.3 as well.")
    private int maxDelayTime = 40;
    @ConfigKey(doc = "Apache: keep per-queue detail statistics.",
            noEffect = "statistics are kept per topic and per group.")
    private boolean enableDetailStat = true;
    @ConfigKey(doc = "Apache: drop statistics of deleted topics and groups.",
            noEffect = "statistics live in memory only; those of deleted topics and groups go at the next restart.")
    private boolean autoDeleteUnusedStats = false;

    /** Checks values that the binder cannot; throws {@link ConfigException} naming the key. */
    public void validate() {
        controllerMode.validate();
        if (brokerName == null || brokerName.isBlank()) {
            throw new ConfigException("brokerName must not be empty");
        }
        if (brokerIP1 == null || brokerIP1.isBlank()) {
            throw new ConfigException("brokerIP1 must not be empty");
        }
        if ((brokerPermission & ~7) != 0) {
            throw new ConfigException("brokerPermission must be within 0..7, got " + brokerPermission);
        }
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new ConfigException("metricsPort must be within 0..65535 (0: metrics off), got " + metricsPort);
        }
        if (defaultTopicQueueNums <= 0) {
            throw new ConfigException("defaultTopicQueueNums must be positive");
        }
        try {
            ClientCredentials.parse(innerClientAuthenticationCredentials);
        } catch (AclException e) {
            throw new ConfigException(e.getMessage());
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

    /** This machine's host name, as the admin and metrics views report it. */
    public static String localHostName() {
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
    public boolean isAclEnable() { return aclEnable; }
    public void setAclEnable(boolean v) { aclEnable = v; }
    public String getInnerClientAuthenticationCredentials() { return innerClientAuthenticationCredentials; }
    public void setInnerClientAuthenticationCredentials(String v) { innerClientAuthenticationCredentials = v; }
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
    public ControllerModeConfig controllerMode() { return controllerMode; }
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
    public int getProcessReplyMessageThreadPoolNums() { return processReplyMessageThreadPoolNums; }
    public int getReplyThreadPoolQueueCapacity() { return replyThreadPoolQueueCapacity; }
    public long getStartAcceptSendRequestTimeStamp() { return startAcceptSendRequestTimeStamp; }
    public void setStartAcceptSendRequestTimeStamp(long v) { startAcceptSendRequestTimeStamp = v; }
    public boolean isDisableConsumeIfConsumerReadSlowly() { return disableConsumeIfConsumerReadSlowly; }
    public void setDisableConsumeIfConsumerReadSlowly(boolean v) { disableConsumeIfConsumerReadSlowly = v; }
    public long getConsumerFallbehindThreshold() { return consumerFallbehindThreshold; }
    public void setConsumerFallbehindThreshold(long v) { consumerFallbehindThreshold = v; }
    public void setForceRegister(boolean v) { forceRegister = v; }
    public void setCompressedRegister(boolean v) { compressedRegister = v; }
    public boolean isFetchNamesrvAddrByAddressServer() { return fetchNamesrvAddrByAddressServer; }
    public void setFetchNamesrvAddrByAddressServer(boolean v) { fetchNamesrvAddrByAddressServer = v; }
    public String getRmqAddressServerDomain() { return rmqAddressServerDomain; }
    public void setRmqAddressServerDomain(String v) { rmqAddressServerDomain = v; }
    public String getRmqAddressServerSubGroup() { return rmqAddressServerSubGroup; }
    public void setRmqAddressServerSubGroup(String v) { rmqAddressServerSubGroup = v; }
    public void setIsolateLogEnable(boolean v) { isolateLogEnable = v; }

    public int getMetricsPort() {
        return metricsPort;
    }

    public void setMetricsPort(int metricsPort) {
        this.metricsPort = metricsPort;
    }
}
