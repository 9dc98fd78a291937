package io.tidemq.broker.processor;

import io.tidemq.broker.client.ClientChannelInfo;
import io.tidemq.broker.client.ConsumerGroupInfo;
import io.tidemq.broker.offset.ConsumeStatsBuilder;
import io.tidemq.broker.schedule.DelayOffsetTable;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.Connection;
import io.tidemq.common.protocol.body.ConsumeStats;
import io.tidemq.common.protocol.body.ConsumerConnection;
import io.tidemq.common.protocol.body.ConsumerOffsetSerializeWrapper;
import io.tidemq.common.protocol.body.MessageQueue;
import io.tidemq.common.protocol.body.ProducerConnection;
import io.tidemq.common.protocol.body.ResetOffsetBody;
import io.tidemq.common.protocol.header.CloneGroupOffsetRequestHeader;
import io.tidemq.common.protocol.header.DeleteSubscriptionGroupRequestHeader;
import io.tidemq.common.protocol.header.GetConsumeStatsRequestHeader;
import io.tidemq.common.protocol.header.GetConsumerConnectionListRequestHeader;
import io.tidemq.common.protocol.header.GetProducerConnectionListRequestHeader;
import io.tidemq.common.protocol.header.ResetOffsetRequestHeader;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Consumer-group administration: progress, connections, groups, offsets (incl. resets and clones). */
public final class ConsumerAdminProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerAdminProcessor.class);
    /** Clients older than V3_0_7_SNAPSHOT cannot take offset-reset pushes. */
    private static final int VERSION_RESET_OFFSET = 28;

    private final BrokerMetadata meta;
    private final StoreAccess access;
    private final ConnectedClients clients;
    private final ConsumeStatsBuilder consumeStats;
    private final Supplier<DelayOffsetTable> delayOffsets;

    public ConsumerAdminProcessor(BrokerMetadata meta, StoreAccess access, ConnectedClients clients,
                                  ConsumeStatsBuilder consumeStats, Supplier<DelayOffsetTable> delayOffsets) {
        this.meta = meta;
        this.access = access;
        this.clients = clients;
        this.consumeStats = consumeStats;
        this.delayOffsets = delayOffsets;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.GET_CONSUME_STATS -> consumeStats(request);
            case RequestCode.GET_CONSUMER_CONNECTION_LIST -> consumerConnections(request);
            case RequestCode.GET_PRODUCER_CONNECTION_LIST -> producerConnections(request);
            case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> updateGroup(request);
            case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG ->
                    TopicAdminProcessor.ok(Json.toBytes(meta.groups().snapshot()));
            case RequestCode.DELETE_SUBSCRIPTIONGROUP -> deleteGroup(request);
            case RequestCode.GET_ALL_CONSUMER_OFFSET -> allOffsets();
            case RequestCode.GET_ALL_DELAY_OFFSET -> allDelayOffsets();
            case RequestCode.INVOKE_BROKER_TO_RESET_OFFSET -> resetOffset(request);
            case RequestCode.CLONE_GROUP_OFFSET -> cloneOffsets(request);
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    private RemotingCommand consumeStats(RemotingCommand request) throws Exception {
        GetConsumeStatsRequestHeader h = request.decodeHeader(GetConsumeStatsRequestHeader.class);
        Set<String> topics = new HashSet<>();
        if (h.topic != null && !h.topic.isEmpty()) {
            topics.add(h.topic);
        } else {
            topics.addAll(meta.offsets().topicsOf(h.consumerGroup));
        }
        ConsumeStats stats = new ConsumeStats();
        consumeStats.add(stats, h.consumerGroup, topics, false, false);
        return TopicAdminProcessor.ok(Json.toBytes(stats));
    }

    private RemotingCommand consumerConnections(RemotingCommand request) throws Exception {
        GetConsumerConnectionListRequestHeader h = request.decodeHeader(GetConsumerConnectionListRequestHeader.class);
        ConsumerGroupInfo info = clients.consumers().group(h.consumerGroup);
        if (info == null || info.channels().isEmpty()) {
            return RemotingCommand.createResponse(ResponseCode.CONSUMER_NOT_ONLINE, "the consumer group["
                    + h.consumerGroup + "] not online");
        }
        ConsumerConnection body = new ConsumerConnection();
        for (ClientChannelInfo c : info.channels().values()) {
            body.connectionSet.add(connection(c));
        }
        body.subscriptionTable.putAll(info.subscriptions());
        body.consumeType = info.consumeType();
        body.messageModel = info.messageModel();
        body.consumeFromWhere = info.consumeFromWhere();
        return TopicAdminProcessor.ok(Json.toBytes(body));
    }

    private RemotingCommand producerConnections(RemotingCommand request) throws Exception {
        GetProducerConnectionListRequestHeader h = request.decodeHeader(GetProducerConnectionListRequestHeader.class);
        Map<String, ClientChannelInfo> members = clients.producers().group(h.producerGroup);
        if (members.isEmpty()) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "the producer group["
                    + h.producerGroup + "] not exist");
        }
        ProducerConnection body = new ProducerConnection();
        for (ClientChannelInfo c : members.values()) {
            body.connectionSet.add(connection(c));
        }
        return TopicAdminProcessor.ok(Json.toBytes(body));
    }

    private static Connection connection(ClientChannelInfo c) {
        Connection conn = new Connection();
        conn.clientId = c.clientId();
        conn.clientAddr = c.key();
        conn.language = c.language() == null ? "OTHER" : c.language().name();
        conn.version = c.version();
        return conn;
    }

    private RemotingCommand updateGroup(RemotingCommand request) {
        if (request.getBody() == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "missing SubscriptionGroupConfig body");
        }
        SubscriptionGroupConfig cfg = Json.fromBytes(request.getBody(), SubscriptionGroupConfig.class);
        if (cfg.groupName == null || cfg.groupName.isBlank()) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "groupName must not be empty");
        }
        meta.groups().update(cfg);
        return TopicAdminProcessor.ok(null);
    }

    private RemotingCommand deleteGroup(RemotingCommand request) throws Exception {
        DeleteSubscriptionGroupRequestHeader h = request.decodeHeader(DeleteSubscriptionGroupRequestHeader.class);
        meta.groups().delete(h.groupName);
        access.stats().forgetGroup(h.groupName);
        if (h.removeOffset) {
            meta.offsets().removeGroup(h.groupName);
        }
        return TopicAdminProcessor.ok(null);
    }

    private RemotingCommand allOffsets() {
        ConsumerOffsetSerializeWrapper w = meta.offsets().snapshot();
        return TopicAdminProcessor.ok(Json.toBytes(w));
    }

    private RemotingCommand allDelayOffsets() {
        return TopicAdminProcessor.ok(Json.toBytes(delayOffsets.get()));
    }

    private RemotingCommand resetOffset(RemotingCommand request) throws Exception {
        ResetOffsetRequestHeader h = request.decodeHeader(ResetOffsetRequestHeader.class);
        TopicConfig tc = meta.topics().select(h.topic);
        if (tc == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "[reset-offset] topic does not exist: "
                    + h.topic);
        }
        ResetOffsetBody body = new ResetOffsetBody();
        for (int q = 0; q < tc.writeQueueNums; q++) {
            long committed = meta.offsets().query(h.group, h.topic, q);
            if (committed < 0) {
                return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "THe consumer group " + h.group
                        + " not exist");
            }
            long target = h.timestamp == -1 ? access.store().getMaxOffsetInQueue(h.topic, q)
                    : Math.max(0, access.store().getOffsetInQueueByTime(h.topic, q, h.timestamp));
            long chosen = h.isForce || target < committed ? target : committed;
            body.offsetTable.put(new MessageQueue(h.topic, meta.config().getBrokerName(), q), chosen);
        }
        ConsumerGroupInfo info = clients.consumers().group(h.group);
        if (info == null || info.channels().isEmpty()) {
            return RemotingCommand.createResponse(ResponseCode.CONSUMER_NOT_ONLINE,
                    "Consumer not online, so can not reset offset, Group: " + h.group + " Topic: " + h.topic
                            + " Timestamp: " + h.timestamp);
        }
        byte[] bytes = Json.toBytes(body);
        for (ClientChannelInfo c : info.channels().values()) {
            if (c.version() < VERSION_RESET_OFFSET) {
                continue;
            }
            RemotingCommand push = RemotingCommand.createRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, h);
            push.setBody(bytes);
            try {
                clients.toClients().server().invokeOneway(c.channel(), push, 5000);
            } catch (Exception e) {
                LOG.warn("cannot push offset reset to {}: {}", c.clientId(), e.toString());
            }
        }
        return TopicAdminProcessor.ok(bytes);
    }

    private RemotingCommand cloneOffsets(RemotingCommand request) throws Exception {
        CloneGroupOffsetRequestHeader h = request.decodeHeader(CloneGroupOffsetRequestHeader.class);
        Set<String> topics = h.topic == null || h.topic.isEmpty()
                ? meta.offsets().topicsOf(h.srcGroup) : Set.of(h.topic);
        for (String t : topics) {
            meta.offsets().cloneOffsets(h.srcGroup, h.destGroup, t);
        }
        return TopicAdminProcessor.ok(null);
    }
}
