package io.tidemq.broker.processor;

import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.out.NameServerRegistration;
import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.GroupList;
import io.tidemq.common.protocol.body.MessageQueue;
import io.tidemq.common.protocol.body.TopicList;
import io.tidemq.common.protocol.body.TopicOffset;
import io.tidemq.common.protocol.body.TopicStatsTable;
import io.tidemq.common.protocol.header.CreateTopicRequestHeader;
import io.tidemq.common.protocol.header.DeleteTopicRequestHeader;
import io.tidemq.common.protocol.header.GetTopicStatsInfoRequestHeader;
import io.tidemq.common.protocol.header.QueryTopicConsumeByWhoRequestHeader;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.common.topic.TopicFilterType;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/** Topic administration: create/update, delete, list and per-queue statistics. */
public final class TopicAdminProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdminProcessor.class);

    private final BrokerMetadata meta;
    private final StoreAccess access;
    private final ConsumerManager consumers;
    private final NameServerRegistration registration;

    public TopicAdminProcessor(BrokerMetadata meta, StoreAccess access, ConsumerManager consumers,
                               NameServerRegistration registration) {
        this.meta = meta;
        this.access = access;
        this.consumers = consumers;
        this.registration = registration;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.UPDATE_AND_CREATE_TOPIC -> createTopic(request);
            case RequestCode.DELETE_TOPIC_IN_BROKER -> deleteTopic(request);
            case RequestCode.GET_ALL_TOPIC_CONFIG -> allTopicConfig();
            case RequestCode.GET_TOPIC_STATS_INFO -> topicStats(request);
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER -> ok(Json.toBytes(
                    new TopicList(meta.topics().systemTopics())));
            case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO -> consumedBy(request);
            case RequestCode.CLEAN_UNUSED_TOPIC -> {
                access.store().cleanUnusedTopics(meta.topics().table().keySet());
                yield ok(null);
            }
            case RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE -> {
                LOG.info("cleaned {} expired consume queues", access.store().cleanExpiredConsumeQueues());
                yield ok(null);
            }
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    private RemotingCommand createTopic(RemotingCommand request) throws Exception {
        CreateTopicRequestHeader h = request.decodeHeader(CreateTopicRequestHeader.class);
        String bad = TopicValidator.checkName(h.topic);
        if (bad != null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, bad);
        }
        if (meta.topics().isSystemTopic(h.topic)) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "The topic[" + h.topic
                    + "] is conflict with system topic.");
        }
        TopicFilterType filterType;
        try {
            filterType = TopicFilterType.valueOf(h.topicFilterType);
        } catch (IllegalArgumentException e) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "unknown topicFilterType "
                    + h.topicFilterType);
        }
        if (h.readQueueNums <= 0 || h.writeQueueNums <= 0 || (h.perm & ~7) != 0) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                    "readQueueNums and writeQueueNums must be positive and perm within 0..7");
        }
        TopicConfig tc = new TopicConfig(h.topic, h.readQueueNums, h.writeQueueNums, h.perm);
        tc.topicFilterType = filterType;
        tc.topicSysFlag = h.topicSysFlag == null ? 0 : h.topicSysFlag;
        meta.topics().update(tc);
        registration.registerTopic(tc.topicName);
        return ok(null);
    }

    private RemotingCommand deleteTopic(RemotingCommand request) throws Exception {
        DeleteTopicRequestHeader h = request.decodeHeader(DeleteTopicRequestHeader.class);
        if (meta.topics().isSystemTopic(h.topic)) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "The topic[" + h.topic
                    + "] is conflict with system topic.");
        }
        meta.topics().delete(h.topic);
        meta.offsets().removeTopic(h.topic);
        access.store().deleteTopics(Set.of(h.topic));
        access.stats().forgetTopic(h.topic);
        return ok(null);
    }

    private RemotingCommand allTopicConfig() {
        return ok(Json.toBytes(meta.topics().snapshot()));
    }

    private RemotingCommand topicStats(RemotingCommand request) throws Exception {
        GetTopicStatsInfoRequestHeader h = request.decodeHeader(GetTopicStatsInfoRequestHeader.class);
        TopicConfig tc = meta.topics().select(h.topic);
        if (tc == null) {
            return RemotingCommand.createResponse(ResponseCode.TOPIC_NOT_EXIST, "topic[" + h.topic + "] not exist");
        }
        TopicStatsTable table = new TopicStatsTable();
        for (int q = 0; q < tc.writeQueueNums; q++) {
            TopicOffset o = new TopicOffset();
            o.minOffset = Math.max(0, access.store().getMinOffsetInQueue(h.topic, q));
            o.maxOffset = Math.max(0, access.store().getMaxOffsetInQueue(h.topic, q));
            o.lastUpdateTimestamp = o.maxOffset > 0
                    ? Math.max(0, access.store().getMessageStoreTimeStamp(h.topic, q, o.maxOffset - 1)) : 0;
            table.offsetTable.put(new MessageQueue(h.topic, meta.config().getBrokerName(), q), o);
        }
        return ok(Json.toBytes(table));
    }

    private RemotingCommand consumedBy(RemotingCommand request) throws Exception {
        QueryTopicConsumeByWhoRequestHeader h = request.decodeHeader(QueryTopicConsumeByWhoRequestHeader.class);
        Set<String> groups = new HashSet<>(consumers.groupsSubscribing(h.topic));
        groups.addAll(meta.offsets().groupsOf(h.topic));
        GroupList body = new GroupList();
        body.groupList = groups;
        return ok(Json.toBytes(body));
    }

    static RemotingCommand ok(byte[] body) {
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null).setBody(body);
    }
}
