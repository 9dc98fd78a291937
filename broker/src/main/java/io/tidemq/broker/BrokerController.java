package io.tidemq.broker;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.tidemq.broker.acl.AclException;
import io.tidemq.broker.acl.ClientCredentials;
import io.tidemq.broker.acl.PlainAclManager;
import io.tidemq.broker.acl.RequestSigner;
import io.tidemq.broker.client.Broker2Client;
import io.tidemq.broker.client.ClientHousekeeping;
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
import io.tidemq.broker.metrics.RefusalHooks;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.out.BrokerOuterAPI;
import io.tidemq.broker.out.ControllerClient;
import io.tidemq.broker.out.BrokerRegistrar;
import io.tidemq.broker.out.NameServerRegistration;
import io.tidemq.broker.processor.BrokerMetadata;
import io.tidemq.broker.processor.ConnectedClients;
import io.tidemq.broker.processor.PullMessageProcessor;
import io.tidemq.broker.processor.SendSupport;
import io.tidemq.broker.processor.StoreAccess;
import io.tidemq.broker.role.BrokerRoleManager;
import io.tidemq.broker.role.ControllerReplicas;
import io.tidemq.broker.role.MasterDuties;
import io.tidemq.broker.role.ReplicationGate;
import io.tidemq.broker.role.RoleState;
import io.tidemq.broker.role.SlaveDuties;
import io.tidemq.broker.schedule.MessagePutter;
import io.tidemq.broker.schedule.ScheduleMessageService;
import io.tidemq.broker.slave.SlaveSynchronize;
import io.tidemq.broker.startup.BootStep;
import io.tidemq.broker.stats.BrokerStats;
import io.tidemq.broker.stats.RuntimeInfo;
import io.tidemq.broker.stats.SlowConsumerProtection;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.broker.transaction.TransactionalMessageCheckService;
import io.tidemq.broker.transaction.TransactionalMessageService;
import io.tidemq.broker.util.Tasks;
import io.tidemq.config.ConfigBinder;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyRemotingServer;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.DelayLevels;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires one broker together: configs, store, metadata managers, processors with their thread pools, the remoting
 * servers, registration with the NameServers and the periodic housekeeping; the work is done by the parts it wires.
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
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
            BrokerExecutors.named("BrokerScheduler"));
    private MessageStore store;
    private InetSocketAddress storeHost;
    private MessagePutter messagePutter;
    private ScheduleMessageService scheduleMessageService;
    private TransactionalMessageService transactionalMessageService;
    private SendSupport sendSupport;
    private PullRequestHoldService pullRequestHoldService;
    private final SubscriptionFilters subscriptionFilters = new SubscriptionFilters();
    private final FilterServerTable filterServers = new FilterServerTable();
    private final ClientHousekeeping clientHousekeeping;
    private RuntimeInfo runtimeInfo;
    private BrokerMetrics metrics;
    private BrokerMetricsEndpoint metricsEndpoint;
    private NettyRemotingServer remotingServer;
    private NettyRemotingServer fastRemotingServer;
    private BrokerExecutors executors;
    private BrokerRoleManager roles;
    private ControllerReplicas controllerReplicas;
    private BrokerMetadata metadata;
    private StoreAccess storeAccess;
    private ConnectedClients connectedClients;
    private BrokerRegistrar registrar;
    private ReplicationGate replicationGate;
    private PlainAclManager aclManager;

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
        this.clientHousekeeping = new ClientHousekeeping(consumerManager, producerManager, filterServers);
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
        // the metadata files are read while the store recovers (boot is most of a restarted replica's rejoin)
        BootStep metadataLoad = BootStep.start("BrokerMetadataLoad", topicConfigManager::load,
                subscriptionGroupManager::load, consumerOffsetManager::load);
        store = new DefaultMessageStore(storeConfig);
        boolean storeLoaded = store.load();
        metadataLoad.await();
        if (!storeLoaded) {
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
        topicConfigManager.setOnCreated(tc -> scheduler.execute(() -> registrar.registerTopic(tc.topicName, true)));

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

        remotingServer = new NettyRemotingServer(serverConfig, clientHousekeeping);
        NettyServerConfig fastConfig = serverConfig.copy();
        fastConfig.setListenPort(serverConfig.getListenPort() - 2);
        fastRemotingServer = new NettyRemotingServer(fastConfig, clientHousekeeping);
        List<RpcHook> hooks = new ArrayList<>(List.of(RefusalHooks.busy(metrics)));
        if (aclManager != null) {
            hooks.add(RefusalHooks.aclCheck(aclManager, metrics));
        }
        for (RpcHook hook : hooks) {
            remotingServer.registerRpcHook(hook);
            fastRemotingServer.registerRpcHook(hook);
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
        SlaveSynchronize slaveSynchronize = new SlaveSynchronize(outerAPI.client(), () -> controllerReplicas != null
                ? controllerReplicas.masterAddr() : registrar.masterAddr(),
                brokerAddr(), topicConfigManager, subscriptionGroupManager, consumerOffsetManager, scheduleMessageService);
        SlaveDuties slave = new SlaveDuties(store, storeConfig, () -> safely("slave sync", slaveSynchronize::syncAll),
                brokerConfig.getSlaveSynchronizeInterval(), scheduler);
        roles = new BrokerRoleManager(new RoleState(storeConfig.getBrokerRole(), brokerConfig.getBrokerId(), 0),
                store, master, slave);
        runtimeConfigUpdate.setRoleSwitch(roles::switchTo);
        registrar = new BrokerRegistrar(brokerConfig, outerAPI, topicConfigManager, filterServers, roles, scheduler,
                brokerAddr(), haServerAddr());
        roles.onSwitch((from, to) -> registrar.roleChanged());
        controllerReplicas = ControllerClient.replicasFor(brokerConfig, clientConfig,
                Path.of(storeConfig.getStorePathRootDir()), store, roles, brokerAddr(), haServerAddr());
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
        if (controllerReplicas != null) {
            controllerReplicas.startBefore(roles);
        }
        roles.start();
        registrar.start();
        scheduler.scheduleAtFixedRate(() -> safely("persist offsets", consumerOffsetManager::persist),
                brokerConfig.getFlushConsumerOffsetInterval(), brokerConfig.getFlushConsumerOffsetInterval(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> safely("scan clients",
                clientHousekeeping::scanExpired), 10, 10, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(() -> safely("stats",
                () -> stats.tick(System.currentTimeMillis(), LocalDate.now(), store.counters())), 1, 1, TimeUnit.SECONDS);
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
        if (controllerReplicas != null) {
            controllerReplicas.shutdown();
        }
        if (roles != null) {
            roles.shutdown();
        }
        scheduler.shutdownNow();
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        if (registrar != null) {
            registrar.unregister();
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

    private static void safely(String what, Runnable task) {
        Tasks.safely(LOG, what, task);
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

    public RebalanceLockManager rebalanceLockManager() {
        return rebalanceLockManager;
    }

    public BrokerStats stats() {
        return stats;
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
        return registrar;
    }

    /** The owner of the broker's role: who it is now, what it may do, and the runtime switch. */
    /** Controller mode's side of the role owner, or null when the mode is off. */
    public ControllerReplicas controllerReplicas() {
        return controllerReplicas;
    }

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

    /** The port the main server actually bound (differs from the config when it was 0). */
    public int listenPort() {
        return remotingServer.localPort();
    }
}
