package io.tidemq.broker;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.tidemq.broker.acl.AclException;
import io.tidemq.broker.acl.ClientCredentials;
import io.tidemq.broker.acl.PlainAclManager;
import io.tidemq.broker.acl.RequestSigner;
import io.tidemq.broker.client.Broker2Client;
import io.tidemq.broker.client.ClientChannelInfo;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.client.FilterServerTable;
import io.tidemq.broker.client.ProducerManager;
import io.tidemq.broker.client.RebalanceLockManager;
import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.config.BrokerConfiguration;
import io.tidemq.broker.config.RuntimeConfigUpdate;
import io.tidemq.broker.executor.BrokerExecutors;
import io.tidemq.broker.executor.BrokerFastFailure;
import io.tidemq.broker.filter.SubscriptionFilters;
import io.tidemq.broker.longpolling.PullRequestHoldService;
import io.tidemq.broker.metrics.BrokerMetrics;
import io.tidemq.broker.metrics.BrokerMetricsEndpoint;
import io.tidemq.broker.offset.ConsumeStatsBuilder;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.out.AddressServerClient;
import io.tidemq.broker.out.BrokerOuterAPI;
import io.tidemq.broker.out.NameServerRegistration;
import io.tidemq.broker.out.RegisterResult;
import io.tidemq.broker.processor.BrokerMetadata;
import io.tidemq.broker.processor.ConnectedClients;
import io.tidemq.broker.processor.PullMessageProcessor;
import io.tidemq.broker.processor.SendSupport;
import io.tidemq.broker.processor.StoreAccess;
import io.tidemq.broker.role.BrokerRoleManager;
import io.tidemq.broker.role.MasterDuties;
import io.tidemq.broker.role.ReplicationGate;
import io.tidemq.broker.role.RoleState;
import io.tidemq.broker.role.SlaveDuties;
import io.tidemq.store.DelayLevels;
import io.tidemq.broker.schedule.MessagePutter;
import io.tidemq.broker.schedule.ScheduleMessageService;
import io.tidemq.broker.slave.SlaveSynchronize;
import io.tidemq.broker.stats.BrokerStats;
import io.tidemq.broker.stats.RuntimeInfo;
import io.tidemq.broker.stats.SlowConsumerProtection;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.broker.transaction.TransactionalMessageCheckService;
import io.tidemq.broker.transaction.TransactionalMessageService;
import io.tidemq.common.protocol.body.TopicConfigSerializeWrapper;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.config.ConfigBinder;
import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyRemotingServer;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.MessageStore;
import io.tidemq.store.MessageStoreConfig;
import io.tidemq.store.ha.HAClient;
import io.tidemq.store.ha.HAService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires one broker together: configs, store, metadata managers, processors with their thread pools, the remoting
 * servers, registration with the NameServers and the periodic housekeeping. Holds references; the work is done by
 * the parts it wires.
 */
public final class BrokerController {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerController.class);

    private final BrokerConfig brokerConfig;
    private final NettyServerConfig serverConfig;
    private final NettyClientConfig clientConfig;
    private final MessageStoreConfig storeConfig;
    private final ConfigBinder configBinder;
    private final BrokerConfiguration configuration;
    private final RuntimeConfigUpdate runtimeConfigUpdate;

    private final TopicConfigManager topicConfigManager;
    private final SubscriptionGroupManager subscriptionGroupManager;
    private final ConsumerOffsetManager consumerOffsetManager;
    private final Broker2Client broker2Client = new Broker2Client();
    private final ConsumerManager consumerManager;
    private final ProducerManager producerManager;
    private final RebalanceLockManager rebalanceLockManager = new RebalanceLockManager();
    private final BrokerStats stats;
    private final SlowConsumerProtection slowConsumerProtection;
    private final BrokerOuterAPI outerAPI;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, BrokerExecutors.named("BrokerScheduler"));

    private MessageStore store;
    private InetSocketAddress storeHost;
    private MessagePutter messagePutter;
    private ScheduleMessageService scheduleMessageService;
    private TransactionalMessageService transactionalMessageService;
    private SendSupport sendSupport;
    private PullRequestHoldService pullRequestHoldService;
    private final SubscriptionFilters subscriptionFilters = new SubscriptionFilters();
    private final FilterServerTable filterServers = new FilterServerTable();
    private RuntimeInfo runtimeInfo;
    private BrokerMetrics metrics;
    private BrokerMetricsEndpoint metricsEndpoint;
    private NettyRemotingServer remotingServer;
    private NettyRemotingServer fastRemotingServer;
    private BrokerExecutors executors;
    private BrokerRoleManager roles;
    private BrokerMetadata metadata;
    private StoreAccess storeAccess;
    private ConnectedClients connectedClients;
    private final NameServerRegistration registration = new NameServerRegistration() {
        @Override
        public void registerAll() {
            registerBrokerAll(false);
        }

        @Override
        public void registerTopic(String topic) {
            BrokerController.this.registerTopic(topic, false);
        }
    };
    private ReplicationGate replicationGate;
    private volatile String masterAddr;
    private PlainAclManager aclManager;
    private volatile LocalDate statsDay = LocalDate.now();

    public BrokerController(BrokerConfiguration configuration) {
        this.configuration = configuration;
        this.brokerConfig = configuration.broker;
        this.serverConfig = configuration.server;
        this.clientConfig = configuration.client;
        this.storeConfig = configuration.store;
        this.configBinder = configuration.binder;
        this.runtimeConfigUpdate = new RuntimeConfigUpdate(configuration);
        this.stats = new BrokerStats(brokerConfig.getBrokerClusterName());
        Path configDir = Paths.get(BrokerConfig.configDir(storeConfig.getStorePathRootDir()));
        this.topicConfigManager = new TopicConfigManager(brokerConfig, configDir);
        this.subscriptionGroupManager = new SubscriptionGroupManager(brokerConfig, configDir);
        this.slowConsumerProtection = new SlowConsumerProtection(brokerConfig, subscriptionGroupManager);
        this.consumerOffsetManager = new ConsumerOffsetManager(configDir);
        this.consumerManager = new ConsumerManager(broker2Client, brokerConfig.getChannelExpiredTimeout());
        this.producerManager = new ProducerManager(brokerConfig.getChannelExpiredTimeout());
        this.outerAPI = new BrokerOuterAPI(clientConfig);
    }

    /** Loads metadata and the store and sets up servers; false when the store cannot be opened. */
    public boolean initialize() {
        if (brokerConfig.isAclEnable()) {
            // before the store is locked, so that a bad ACL file leaves nothing to clean up
            try {
                aclManager = PlainAclManager.open(brokerConfig.getRocketmqHome());
            } catch (AclException | UncheckedIOException e) {
                throw new IllegalStateException("aclEnable=true: " + e.getMessage(), e);
            }
            LOG.info("plain ACL on: {}", aclManager);
        }
        ClientCredentials credentials = ClientCredentials.parse(brokerConfig.getInnerClientAuthenticationCredentials());
        if (credentials != null) {
            outerAPI.client().registerRpcHook(new RequestSigner(credentials));
        }
        topicConfigManager.load();
        subscriptionGroupManager.load();
        consumerOffsetManager.load();
        store = new DefaultMessageStore(storeConfig);
        if (!store.load()) {
            String why = store.loadFailure();
            LOG.error("the message store could not be loaded: {}", why);
            throw new IllegalStateException("the message store at " + storeConfig.getStorePathRootDir()
                    + " cannot be opened: " + (why == null ? "see broker.log" : why));
        }
        storeHost = new InetSocketAddress(brokerConfig.getBrokerIP1(), serverConfig.getListenPort());
        setUpMetrics();
        DelayLevels delayLevels = new DelayLevels(storeConfig.getMessageDelayLevel());
        messagePutter = new MessagePutter(store, delayLevels);
        Path configDir = Paths.get(BrokerConfig.configDir(storeConfig.getStorePathRootDir()));
        scheduleMessageService = new ScheduleMessageService(store, delayLevels, storeHost, configDir,
                storeConfig.getFlushDelayOffsetInterval());
        scheduleMessageService.load();
        transactionalMessageService = new TransactionalMessageService(store, topicConfigManager, storeHost);
        setUpRoles();
        replicationGate = new ReplicationGate(brokerConfig, roles, metrics::replicaAcknowledged);
        metadata = new BrokerMetadata(brokerConfig, topicConfigManager, subscriptionGroupManager,
                consumerOffsetManager);
        storeAccess = new StoreAccess(store, storeConfig, storeHost, roles, stats);
        connectedClients = new ConnectedClients(consumerManager, producerManager, subscriptionFilters, broker2Client);
        sendSupport = new SendSupport(metadata, storeAccess, replicationGate, metrics);
        topicConfigManager.setOnCreated(tc -> scheduler.execute(() -> registerTopic(tc.topicName, true)));

        executors = new BrokerExecutors(brokerConfig);
        runtimeInfo = new RuntimeInfo(brokerConfig, store, stats, executors, scheduleMessageService::offsets);
        PullMessageProcessor pullProcessor = new PullMessageProcessor(metadata, storeAccess, connectedClients,
                slowConsumerProtection, metrics);
        pullProcessor.setExecutor(executors.pull);
        pullRequestHoldService = new PullRequestHoldService(store, pullProcessor::wakeup);
        pullProcessor.setHoldService(pullRequestHoldService);
        store.setMessageArrivingListener((topic, queueId, logicOffset, tagsCode, storeTimestamp) -> {
            if (roles.isSlave()) {
                topicConfigManager.learnFromReplica(topic, queueId);
            }
            pullRequestHoldService.notifyMessageArriving(topic, queueId, logicOffset, tagsCode);
        });

        ChannelEventListener housekeeping = new ChannelEventListener() {
            @Override
            public void onChannelClose(String remoteAddr, RemoteChannel channel) {
                clientGone(remoteAddr);
            }

            @Override
            public void onChannelException(String remoteAddr, RemoteChannel channel) {
                clientGone(remoteAddr);
            }

            @Override
            public void onChannelIdle(String remoteAddr, RemoteChannel channel) {
                clientGone(remoteAddr);
            }
        };
        remotingServer = new NettyRemotingServer(serverConfig, housekeeping);
        NettyServerConfig fastConfig = serverConfig.copy();
        fastConfig.setListenPort(serverConfig.getListenPort() - 2);
        fastRemotingServer = new NettyRemotingServer(fastConfig, housekeeping);
        RpcHook busyCounter = new RpcHook() {
            @Override
            public void beforeRequest(String remoteAddr, RemotingCommand request) {
            }

            @Override
            public void rejectedAsBusy(String remoteAddr, RemotingCommand request) {
                metrics.refused("busy");
            }
        };
        remotingServer.registerRpcHook(busyCounter);
        fastRemotingServer.registerRpcHook(busyCounter);
        if (aclManager != null) {
            PlainAclManager acl = aclManager;
            RpcHook countedCheck = (addr, request) -> {
                try {
                    acl.check(addr, request);
                } catch (RuntimeException e) {
                    metrics.refused("acl");
                    throw e;
                }
            };
            remotingServer.registerRpcHook(countedCheck);
            fastRemotingServer.registerRpcHook(countedCheck);
        }
        BrokerRequestProcessors processors = new BrokerRequestProcessors(this, executors, pullProcessor);
        processors.registerOn(remotingServer, true);
        processors.registerOn(fastRemotingServer, false);
        broker2Client.setServer(remotingServer);
        outerAPI.updateNamesrvAddrs(brokerConfig.getNamesrvAddr());
        return true;
    }

    /**
     * The role owner with what each role runs. After a switch the broker registers at once under its new brokerId
     * (and, as a slave, until it learns its new master), instead of waiting for the periodic registration.
     */
    private void setUpRoles() {
        TransactionalMessageCheckService txCheck = new TransactionalMessageCheckService(store,
                topicConfigManager, consumerOffsetManager, producerManager, broker2Client, storeHost,
                brokerConfig.getTransactionTimeOut(), brokerConfig.getTransactionCheckMax());
        MasterDuties master = new MasterDuties(store, storeConfig, serverConfig.getBindAddress(),
                scheduleMessageService, () -> safely("transaction check",
                        () -> txCheck.checkOnce(System.currentTimeMillis())),
                Math.max(100, brokerConfig.getTransactionCheckInterval()), scheduler);
        SlaveSynchronize slaveSynchronize = new SlaveSynchronize(outerAPI.client(), () -> masterAddr, brokerAddr(),
                topicConfigManager, subscriptionGroupManager, consumerOffsetManager, scheduleMessageService);
        SlaveDuties slave = new SlaveDuties(store, storeConfig, () -> safely("slave sync", slaveSynchronize::syncAll),
                brokerConfig.getSlaveSynchronizeInterval(), scheduler);
        roles = new BrokerRoleManager(new RoleState(storeConfig.getBrokerRole(), brokerConfig.getBrokerId(), 0),
                store, master, slave);
        runtimeConfigUpdate.setRoleSwitch(roles::switchTo);
        roles.onSwitch((from, to) -> {
            masterAddr = null;
            scheduler.execute(() -> safely("register (role switch)", () -> {
                if (!registeredEverywhere(registerBrokerAll(false))) {
                    retryBootRegistration();
                }
            }));
        });
    }

    /**
     * The meters, and the endpoint serving them when metricsPort is not 0. With metrics off the meters are those of
     * an empty registry, which record nothing.
     */
    private void setUpMetrics() {
        if (brokerConfig.getMetricsPort() == 0) {
            metrics = new BrokerMetrics(new CompositeMeterRegistry(), brokerConfig.getBrokerClusterName(),
                    brokerConfig.getBrokerName());
            return;
        }
        metricsEndpoint = new BrokerMetricsEndpoint(new BrokerMetricsEndpoint.Sources(
                brokerConfig.getBrokerClusterName(), brokerConfig.getBrokerName(), brokerAddr(),
                BrokerConfig.localHostName(), topicConfigManager, consumerOffsetManager, consumerManager, store,
                stats, () -> runtimeInfo.collect(), () -> roles.slaves()));
        metrics = metricsEndpoint.metrics();
        store.setLatencyListener(metrics);
    }

    /** Consume stats as GET_CONSUME_STATS and GET_BROKER_CONSUME_STATS compute them. */
    public ConsumeStatsBuilder consumeStatsBuilder() {
        return new ConsumeStatsBuilder(topicConfigManager, consumerOffsetManager, consumerManager, store, stats,
                brokerConfig.getBrokerName());
    }

    /** Starts serving and registers with the NameServers. */
    public void start() throws Exception {
        if (metricsEndpoint != null) {
            metricsEndpoint.start(serverConfig.getBindAddress(), brokerConfig.getMetricsPort());
        }
        store.start();
        remotingServer.start();
        fastRemotingServer.start();
        outerAPI.start();
        pullRequestHoldService.start();
        roles.start();
        followAddressServer();
        if (!registeredEverywhere(registerBrokerAll(false))) {
            retryBootRegistration();
        }
        int period = Math.max(10_000, Math.min(60_000, brokerConfig.getRegisterNameServerPeriod()));
        scheduler.scheduleAtFixedRate(() -> safely("register", this::registerPeriodically),
                Math.min(10_000, period), period, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> safely("persist offsets", consumerOffsetManager::persist),
                brokerConfig.getFlushConsumerOffsetInterval(), brokerConfig.getFlushConsumerOffsetInterval(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> safely("scan clients", this::scanExpiredClients), 10, 10,
                TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(() -> safely("stats", this::sampleStats), 1, 1, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(() -> safely("slow consumer protection", slowConsumerProtection::protect), 3, 3,
                TimeUnit.MINUTES);
        if (aclManager != null) {
            scheduler.scheduleWithFixedDelay(() -> safely("ACL reload", aclManager::reloadIfChanged), 500, 500,
                    TimeUnit.MILLISECONDS);
        }
        BrokerFastFailure fastFailure = new BrokerFastFailure(brokerConfig, store, executors.send, executors.pull,
                executors.heartbeat, executors.endTransaction, () -> metrics.refused("busy"));
        scheduler.scheduleAtFixedRate(() -> safely("fast failure", fastFailure::clean), 1000, 10,
                TimeUnit.MILLISECONDS);
    }

    /** Stops serving, unregisters, flushes offsets and closes the store cleanly. */
    public void shutdown() {
        if (roles != null) {
            roles.shutdown();
        }
        scheduler.shutdownNow();
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        try {
            outerAPI.unregisterBrokerAll(brokerConfig.getBrokerClusterName(), brokerAddr(),
                    brokerConfig.getBrokerName(), brokerId());
        } catch (RuntimeException e) {
            LOG.warn("unregister failed", e);
        }
        if (pullRequestHoldService != null) {
            pullRequestHoldService.shutdown();
        }
        if (remotingServer != null) {
            remotingServer.shutdown();
        }
        if (fastRemotingServer != null) {
            fastRemotingServer.shutdown();
        }
        if (executors != null) {
            executors.shutdown();
        }
        consumerOffsetManager.persist();
        subscriptionGroupManager.persist();
        topicConfigManager.persist();
        outerAPI.shutdown();
        if (store != null) {
            store.shutdown();
        }
    }

    /** Registers the full topic table with every NameServer; returns how many answered. */
    public synchronized int registerBrokerAll(boolean oneway) {
        return register(topicConfigManager.snapshot(), oneway);
    }

    /**
     * fetchNamesrvAddrByAddressServer without namesrvAddr: the NameServer list comes from the address server, once
     * now and every 2 minutes as in Apache; a changed list is registered with at once.
     */
    private void followAddressServer() {
        String configured = brokerConfig.getNamesrvAddr();
        if (!brokerConfig.isFetchNamesrvAddrByAddressServer() || (configured != null && !configured.isBlank())) {
            return;
        }
        AddressServerClient addressServer = new AddressServerClient(brokerConfig.getRmqAddressServerDomain(),
                brokerConfig.getRmqAddressServerSubGroup());
        Runnable fetch = () -> {
            String list = addressServer.fetch();
            if (list != null && !BrokerOuterAPI.parseAddrs(list).equals(outerAPI.namesrvAddrs())) {
                LOG.info("NameServer list from the address server {}: {}", addressServer.uri(), list);
                outerAPI.updateNamesrvAddrs(list);
                scheduler.execute(() -> safely("register (new NameServer list)", () -> registerBrokerAll(false)));
            }
        };
        fetch.run();
        scheduler.scheduleAtFixedRate(() -> safely("fetch NameServer list", fetch), 2, 2, TimeUnit.MINUTES);
    }

    /**
     * The periodic registration: always with forceRegister (the default), otherwise only when some NameServer holds
     * an older topic table, as Apache does (the version query keeps the broker alive there meanwhile).
     */
    private synchronized void registerPeriodically() {
        if (!brokerConfig.isForceRegister() && !outerAPI.namesrvAddrs().isEmpty()
                && !outerAPI.needRegister(brokerConfig.getBrokerClusterName(), brokerAddr(),
                        brokerConfig.getBrokerName(), brokerId(), topicConfigManager.dataVersion(),
                        brokerConfig.getRegisterBrokerTimeoutMills())) {
            return;
        }
        registerBrokerAll(false);
    }

    /** Every NameServer answered, and a slave has learnt its master's HA address. */
    private boolean registeredEverywhere(int answered) {
        return answered >= outerAPI.namesrvAddrs().size() && (!roles.isSlave() || masterAddr != null);
    }

    /**
     * When servers of a cluster start together, a NameServer may not listen yet, or a slave may register before
     * its master: then retry every second for up to 30 s rather than leave it to the periodic registration.
     */
    private void retryBootRegistration() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(scheduler.scheduleWithFixedDelay(() -> safely("register (boot retry)", () -> {
            if (registeredEverywhere(registerBrokerAll(false)) || attempts.incrementAndGet() >= 30) {
                task.get().cancel(false);
            }
        }), 1000, 1000, TimeUnit.MILLISECONDS));
    }

    /**
     * Registers one created or changed topic with every NameServer, with the table's new data version (as Apache
     * does): re-sending the whole table for each of thousands of created topics made creation quadratic.
     */
    public synchronized void registerTopic(String topic, boolean oneway) {
        // the new version is taken under this object's lock, so registrations leave in version order
        register(topicConfigManager.snapshotOfWithNewVersion(topic), oneway);
    }

    private synchronized int register(TopicConfigSerializeWrapper table, boolean oneway) {
        if (outerAPI.namesrvAddrs().isEmpty()) {
            return 0;
        }
        TopicConfigSerializeWrapper topics = withBrokerPermission(table, brokerConfig.getBrokerPermission());
        List<RegisterResult> results = outerAPI.registerBrokerAll(brokerConfig.getBrokerClusterName(), brokerAddr(),
                brokerConfig.getBrokerName(), brokerId(), haServerAddr(),
                topics, filterServers.addresses(), oneway, brokerConfig.getRegisterBrokerTimeoutMills(),
                brokerConfig.isCompressedRegister());
        for (RegisterResult r : results) {
            if (r.masterAddr() != null) {
                masterAddr = r.masterAddr();
            }
            if (roles.isSlave()) {
                roles.masterHaAddressLearned(r.haServerAddr());
            }
            topicConfigManager.updateOrderFlags(r.orderTopics());
            break;
        }
        return results.size();
    }

    /**
     * A broker made read-only or write-only (brokerPermission) announces every topic with that permission, as Apache
     * does, so that clients routed by the NameServer stop sending to (or pulling from) it.
     */
    static TopicConfigSerializeWrapper withBrokerPermission(TopicConfigSerializeWrapper table, int brokerPermission) {
        if (PermName.isWriteable(brokerPermission) && PermName.isReadable(brokerPermission)) {
            return table;
        }
        TopicConfigSerializeWrapper restricted = new TopicConfigSerializeWrapper();
        restricted.dataVersion = table.dataVersion;
        table.topicConfigTable.forEach((name, config) -> {
            TopicConfig copy = config.copy();
            copy.perm = brokerPermission;
            restricted.topicConfigTable.put(name, copy);
        });
        return restricted;
    }

    private void clientGone(String remoteAddr) {
        consumerManager.channelClosed(remoteAddr);
        producerManager.channelClosed(remoteAddr);
        filterServers.channelClosed(remoteAddr);
    }

    private void scanExpiredClients() {
        long now = System.currentTimeMillis();
        for (ClientChannelInfo c : consumerManager.scanExpired(now)) {
            c.channel().close();
        }
        for (ClientChannelInfo c : producerManager.scanExpired(now)) {
            c.channel().close();
        }
        filterServers.scanExpired(now);
    }

    private void sampleStats() {
        stats.sample(System.currentTimeMillis(), store.counters());
        LocalDate today = LocalDate.now();
        if (!today.equals(statsDay)) {
            statsDay = today;
            stats.rollDay();
        }
    }

    private static void safely(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed", what, e);
        }
    }

    /** {@code brokerIP1:listenPort}, this broker's identity in routes and message ids. */
    public String brokerAddr() {
        return brokerConfig.getBrokerIP1() + ":" + serverConfig.getListenPort();
    }

    /** The id this broker registers with now: 0 while master (it changes with a role switch). */
    public long brokerId() {
        return roles == null ? brokerConfig.getBrokerId() : roles.brokerId();
    }

    public String haServerAddr() {
        return brokerConfig.getBrokerIP2() + ":" + storeConfig.replication().getHaListenPort();
    }

    public BrokerConfig brokerConfig() {
        return brokerConfig;
    }

    public MessageStoreConfig messageStoreConfig() {
        return storeConfig;
    }

    public NettyServerConfig serverConfig() {
        return serverConfig;
    }

    public ConfigBinder configBinder() {
        return configBinder;
    }

    /** UPDATE_BROKER_CONFIG: checked, applied and persisted, one at a time. */
    public RuntimeConfigUpdate runtimeConfigUpdate() {
        return runtimeConfigUpdate;
    }

    /** The typed configuration this broker was built from (for runtime updates). */
    public BrokerConfiguration configuration() {
        return configuration;
    }

    public MessageStore store() {
        return store;
    }

    public InetSocketAddress storeHost() {
        return storeHost;
    }

    /** The plain ACL, or null when aclEnable is off. */
    public PlainAclManager aclManager() {
        return aclManager;
    }

    public TopicConfigManager topicConfigManager() {
        return topicConfigManager;
    }

    public SubscriptionGroupManager subscriptionGroupManager() {
        return subscriptionGroupManager;
    }

    public ConsumerOffsetManager consumerOffsetManager() {
        return consumerOffsetManager;
    }

    public ConsumerManager consumerManager() {
        return consumerManager;
    }

    public ProducerManager producerManager() {
        return producerManager;
    }

    public RebalanceLockManager rebalanceLockManager() {
        return rebalanceLockManager;
    }

    public BrokerStats stats() {
        return stats;
    }

    public SlowConsumerProtection slowConsumerProtection() {
        return slowConsumerProtection;
    }

    public RuntimeInfo runtimeInfo() {
        return runtimeInfo;
    }

    public MessagePutter messagePutter() {
        return messagePutter;
    }

    public ScheduleMessageService scheduleMessageService() {
        return scheduleMessageService;
    }

    public TransactionalMessageService transactionalMessageService() {
        return transactionalMessageService;
    }

    public ReplicationGate replicationGate() {
        return replicationGate;
    }

    /** Config, topics, groups and offsets: what the processors read and change. */
    public BrokerMetadata metadata() {
        return metadata;
    }

    /** The store, its config, the store host, the role and the statistics, as the processors reach them. */
    public StoreAccess storeAccess() {
        return storeAccess;
    }

    /** The connected clients and the way back to them. */
    public ConnectedClients connectedClients() {
        return connectedClients;
    }

    /** How processors tell the NameServers about changed topics or a changed broker. */
    public NameServerRegistration registration() {
        return registration;
    }

    /** The owner of the broker's role: who it is now, what it may do, and the runtime switch. */
    public BrokerRoleManager roles() {
        return roles;
    }

    /** Master side of replication; null on a slave. */
    public HAService haService() {
        return roles.haService();
    }

    /** Slave side of replication; null on a master. */
    public HAClient haClient() {
        return roles.haClient();
    }

    public Broker2Client broker2Client() {
        return broker2Client;
    }

    /** The broker's meters (recording nothing when metricsPort=0). */
    public BrokerMetrics metrics() {
        return metrics;
    }

    /** The port /metrics is served on; 0 when metrics are off. */
    public int metricsPort() {
        return metricsEndpoint == null ? 0 : metricsEndpoint.port();
    }

    public SendSupport sendSupport() {
        return sendSupport;
    }

    public FilterServerTable filterServers() {
        return filterServers;
    }

    public SubscriptionFilters subscriptionFilters() {
        return subscriptionFilters;
    }

    public PullRequestHoldService pullRequestHoldService() {
        return pullRequestHoldService;
    }

    public NettyRemotingServer remotingServer() {
        return remotingServer;
    }

    public ThreadPoolExecutor sendExecutor() {
        return executors.send;
    }

    public ThreadPoolExecutor pullExecutor() {
        return executors.pull;
    }

    public ThreadPoolExecutor endTransactionExecutor() {
        return executors.endTransaction;
    }

    public ThreadPoolExecutor queryExecutor() {
        return executors.query;
    }

    public String masterAddr() {
        return masterAddr;
    }

    /** The port the main server actually bound (differs from the config when it was 0). */
    public int listenPort() {
        return remotingServer.localPort();
    }
}
