package io.tidemq.broker;

import io.tidemq.broker.executor.BrokerExecutors;
import io.tidemq.broker.offset.ConsumeStatsBuilder;
import io.tidemq.broker.processor.AclAdminProcessor;
import io.tidemq.broker.processor.BrokerAdminProcessor;
import io.tidemq.broker.processor.BrokerMetadata;
import io.tidemq.broker.processor.BrokerStatsProcessor;
import io.tidemq.broker.processor.ClientManageProcessor;
import io.tidemq.broker.processor.ConnectedClients;
import io.tidemq.broker.processor.BrokerEpochProcessor;
import io.tidemq.broker.processor.ConsumerAdminProcessor;
import io.tidemq.broker.processor.ConsumerManageProcessor;
import io.tidemq.broker.processor.ConsumerRelayProcessor;
import io.tidemq.broker.processor.ConsumerSendMsgBackProcessor;
import io.tidemq.broker.processor.EndTransactionProcessor;
import io.tidemq.broker.processor.FilterServerProcessor;
import io.tidemq.broker.processor.HalfMessageResumeProcessor;
import io.tidemq.broker.processor.OffsetQueryProcessor;
import io.tidemq.broker.processor.PullMessageProcessor;
import io.tidemq.broker.processor.QueryMessageProcessor;
import io.tidemq.broker.processor.QueueInspectionProcessor;
import io.tidemq.broker.processor.QueueLockProcessor;
import io.tidemq.broker.processor.ReplyMessageProcessor;
import io.tidemq.broker.processor.SendMessageProcessor;
import io.tidemq.broker.processor.StoreAccess;
import io.tidemq.broker.processor.TopicAdminProcessor;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.netty.NettyRemotingServer;

/**
 * Which processor and which thread pool serve each request code, the same on the main and the fast port (pulls
 * only on the main one), as Apache 4.9.3 registers them.
 */
final class BrokerRequestProcessors {
    private final BrokerController broker;
    private final BrokerExecutors executors;
    private final PullMessageProcessor pull;
    private final BrokerMetadata meta;
    private final StoreAccess access;
    private final ConnectedClients clients;
    private final ConsumeStatsBuilder consumeStats;

    /** Each processor gets, from {@code broker}, only the services it uses. */
    BrokerRequestProcessors(BrokerController broker, BrokerExecutors executors, PullMessageProcessor pull) {
        this.broker = broker;
        this.executors = executors;
        this.pull = pull;
        this.meta = broker.metadata();
        this.access = broker.storeAccess();
        this.clients = broker.connectedClients();
        // consume stats as GET_CONSUME_STATS and GET_BROKER_CONSUME_STATS compute them
        this.consumeStats = new ConsumeStatsBuilder(broker.topicConfigManager(), broker.consumerOffsetManager(),
                broker.consumerManager(), broker.store(), broker.stats(), broker.brokerConfig().getBrokerName());
    }

    /** Registers every request code on {@code server}; pulls only where {@code withPull} (the main port). */
    void registerOn(NettyRemotingServer server, boolean withPull) {
        RequestProcessor send = new SendMessageProcessor(broker.sendSupport(), broker.brokerConfig(), access,
                broker.messagePutter(), broker.transactionalMessageService());
        server.registerProcessor(RequestCode.SEND_MESSAGE, send, executors.send);
        server.registerProcessor(RequestCode.SEND_MESSAGE_V2, send, executors.send);
        server.registerProcessor(RequestCode.SEND_BATCH_MESSAGE, send, executors.send);
        RequestProcessor reply = new ReplyMessageProcessor(broker.sendSupport(), broker.brokerConfig(), broker.store(),
                clients, broker.brokerAddr());
        server.registerProcessor(RequestCode.SEND_REPLY_MESSAGE, reply, executors.reply);
        server.registerProcessor(RequestCode.SEND_REPLY_MESSAGE_V2, reply, executors.reply);
        server.registerProcessor(RequestCode.CONSUMER_SEND_MSG_BACK,
                new ConsumerSendMsgBackProcessor(meta, access, broker.messagePutter()), executors.send);
        if (withPull) {
            server.registerProcessor(RequestCode.PULL_MESSAGE, pull, executors.pull);
        }
        RequestProcessor query = new QueryMessageProcessor(broker.store(), broker.messageStoreConfig());
        server.registerProcessor(RequestCode.QUERY_MESSAGE, query, executors.query);
        server.registerProcessor(RequestCode.VIEW_MESSAGE_BY_ID, query, executors.query);
        RequestProcessor client = new ClientManageProcessor(meta, clients);
        server.registerProcessor(RequestCode.HEART_BEAT, client, executors.heartbeat);
        server.registerProcessor(RequestCode.UNREGISTER_CLIENT, client, executors.client);
        server.registerProcessor(RequestCode.CHECK_CLIENT_CONFIG, client, executors.client);
        RequestProcessor consumer = new ConsumerManageProcessor(broker.consumerManager(),
                broker.consumerOffsetManager(), broker.store(), broker.roles());
        server.registerProcessor(RequestCode.GET_CONSUMER_LIST_BY_GROUP, consumer, executors.consumerManage);
        server.registerProcessor(RequestCode.QUERY_CONSUMER_OFFSET, consumer, executors.consumerManage);
        server.registerProcessor(RequestCode.UPDATE_CONSUMER_OFFSET, consumer, executors.consumerManage);
        RequestProcessor offsets = new OffsetQueryProcessor(broker.store());
        for (int code : new int[] {RequestCode.GET_MAX_OFFSET, RequestCode.GET_MIN_OFFSET,
            RequestCode.GET_EARLIEST_MSG_STORETIME, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP}) {
            server.registerProcessor(code, offsets, executors.admin);
        }
        RequestProcessor locks = new QueueLockProcessor(broker.rebalanceLockManager());
        server.registerProcessor(RequestCode.LOCK_BATCH_MQ, locks, executors.admin);
        server.registerProcessor(RequestCode.UNLOCK_BATCH_MQ, locks, executors.admin);
        server.registerProcessor(RequestCode.END_TRANSACTION,
                new EndTransactionProcessor(broker.roles(), broker.transactionalMessageService()),
                executors.endTransaction);
        RequestProcessor topics = new TopicAdminProcessor(meta, access, broker.consumerManager(),
                broker.registration());
        for (int code : new int[] {RequestCode.UPDATE_AND_CREATE_TOPIC, RequestCode.DELETE_TOPIC_IN_BROKER,
            RequestCode.GET_ALL_TOPIC_CONFIG, RequestCode.GET_TOPIC_STATS_INFO,
            RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO,
            RequestCode.CLEAN_UNUSED_TOPIC, RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE}) {
            server.registerProcessor(code, topics, executors.admin);
        }
        server.registerProcessor(RequestCode.GET_BROKER_EPOCH_CACHE, new BrokerEpochProcessor(
                broker.controllerReplicas() == null ? null : broker.controllerReplicas()::epochCache), executors.admin);
        RequestProcessor consumerAdmin = new ConsumerAdminProcessor(meta, access, clients,
                consumeStats, () -> broker.scheduleMessageService().offsets());
        for (int code : new int[] {RequestCode.GET_CONSUME_STATS, RequestCode.GET_CONSUMER_CONNECTION_LIST,
            RequestCode.GET_PRODUCER_CONNECTION_LIST, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
            RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, RequestCode.DELETE_SUBSCRIPTIONGROUP,
            RequestCode.GET_ALL_CONSUMER_OFFSET, RequestCode.GET_ALL_DELAY_OFFSET,
            RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, RequestCode.CLONE_GROUP_OFFSET}) {
            server.registerProcessor(code, consumerAdmin, executors.admin);
        }
        RequestProcessor brokerAdmin = new BrokerAdminProcessor(broker.runtimeConfigUpdate(),
                broker.configBinder(), broker.runtimeInfo(), broker.topicConfigManager(), broker.registration());
        RequestProcessor aclAdmin = new AclAdminProcessor(broker.aclManager(), broker.brokerConfig(),
                broker.brokerAddr());
        for (int code : new int[] {RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, RequestCode.DELETE_ACL_CONFIG,
            RequestCode.GET_BROKER_CLUSTER_ACL_INFO, RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG,
            RequestCode.GET_BROKER_CLUSTER_ACL_CONFIG}) {
            server.registerProcessor(code, aclAdmin, executors.admin);
        }
        for (int code : new int[] {RequestCode.GET_BROKER_RUNTIME_INFO, RequestCode.GET_BROKER_CONFIG,
            RequestCode.UPDATE_BROKER_CONFIG}) {
            server.registerProcessor(code, brokerAdmin, executors.admin);
        }
        registerInspectionProcessors(server);
    }

    /** The monitoring, relay and inspection requests of operators' tools (mqadmin, dashboard, exporter). */
    private void registerInspectionProcessors(NettyRemotingServer server) {
        String brokerName = broker.brokerConfig().getBrokerName();
        RequestProcessor statsProcessor = new BrokerStatsProcessor(broker.stats().keyed(),
                broker.subscriptionGroupManager(), broker.consumerOffsetManager(), consumeStats,
                broker::brokerAddr);
        server.registerProcessor(RequestCode.VIEW_BROKER_STATS_DATA, statsProcessor, executors.admin);
        server.registerProcessor(RequestCode.GET_BROKER_CONSUME_STATS, statsProcessor, executors.admin);
        RequestProcessor relay = new ConsumerRelayProcessor(broker.consumerManager(), broker.broker2Client(),
                broker.store(), brokerName);
        for (int code : new int[] {RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.CONSUME_MESSAGE_DIRECTLY,
            RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS}) {
            server.registerProcessor(code, relay, executors.admin);
        }
        RequestProcessor queues = new QueueInspectionProcessor(broker.store(), broker.topicConfigManager(),
                broker.consumerOffsetManager(), broker.consumerManager(), broker.subscriptionFilters(), brokerName);
        for (int code : new int[] {RequestCode.QUERY_CONSUME_QUEUE, RequestCode.QUERY_CONSUME_TIME_SPAN,
            RequestCode.QUERY_CORRECTION_OFFSET}) {
            server.registerProcessor(code, queues, executors.admin);
        }
        server.registerProcessor(RequestCode.RESUME_CHECK_HALF_MESSAGE, new HalfMessageResumeProcessor(broker.store()),
                executors.admin);
        server.registerProcessor(RequestCode.REGISTER_FILTER_SERVER,
                new FilterServerProcessor(broker.filterServers(), brokerName, broker::brokerId),
                executors.admin);
    }
}
