package io.tidemq.broker.processor;

import io.tidemq.broker.client.ConsumerGroupInfo;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.filter.SubscriptionFilters;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.MessageQueue;
import io.tidemq.common.protocol.body.QueryConsumeQueueResponseBody;
import io.tidemq.common.protocol.body.QueryConsumeQueueResponseBody.ConsumeQueueData;
import io.tidemq.common.protocol.body.QueryConsumeTimeSpanBody;
import io.tidemq.common.protocol.body.QueryConsumeTimeSpanBody.QueueTimeSpan;
import io.tidemq.common.protocol.body.QueryCorrectionOffsetBody;
import io.tidemq.common.protocol.header.QueryConsumeQueueRequestHeader;
import io.tidemq.common.protocol.header.QueryConsumeTimeSpanRequestHeader;
import io.tidemq.common.protocol.header.QueryCorrectionOffsetHeader;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.filter.SelectorSyntaxException;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageFilter;
import io.tidemq.store.MessageStore;
import io.tidemq.store.QueueUnits;
import io.tidemq.store.SelectMappedBufferResult;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Looking inside queues for operators: QUERY_CONSUME_QUEUE (321, mqadmin queryCq: the units of a queue and whether
 * a group's subscription takes each), QUERY_CONSUME_TIME_SPAN (303: per queue, the store times of the first, last
 * and next message a group will consume) and QUERY_CORRECTION_OFFSET (308: per queue, the lowest offset the other
 * groups have committed).
 */
public final class QueueInspectionProcessor implements RequestProcessor {
    /** A queryCq answer lists at most this many units, whatever count asks for. */
    private static final int MAX_UNITS = 1000;
    private static final DateTimeFormatter SPAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'#'HH:mm:ss:SSS");

    private final MessageStore store;
    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final ConsumerManager consumers;
    private final SubscriptionFilters filters;
    private final String brokerName;

    public QueueInspectionProcessor(MessageStore store, TopicConfigManager topics, ConsumerOffsetManager offsets,
                                    ConsumerManager consumers, SubscriptionFilters filters, String brokerName) {
        this.store = store;
        this.topics = topics;
        this.offsets = offsets;
        this.consumers = consumers;
        this.filters = filters;
        this.brokerName = brokerName;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.QUERY_CONSUME_QUEUE -> consumeQueue(request);
            case RequestCode.QUERY_CONSUME_TIME_SPAN -> timeSpan(request);
            case RequestCode.QUERY_CORRECTION_OFFSET -> correctionOffset(request);
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    private RemotingCommand consumeQueue(RemotingCommand request) throws Exception {
        QueryConsumeQueueRequestHeader h = request.decodeHeader(QueryConsumeQueueRequestHeader.class);
        QueueUnits units = store.queueUnits(h.topic, h.queueId, h.index, Math.max(0, Math.min(h.count, MAX_UNITS)));
        if (units == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, h.queueId + "@" + h.topic
                    + " is not exist!");
        }
        QueryConsumeQueueResponseBody body = new QueryConsumeQueueResponseBody();
        body.maxQueueIndex = units.maxIndex();
        body.minQueueIndex = units.minIndex();
        MessageFilter filter = null;
        if (h.consumerGroup != null) {
            ConsumerGroupInfo online = consumers.group(h.consumerGroup);
            SubscriptionData sd = online == null ? null : online.subscription(h.topic);
            if (sd == null) {
                body.filterData = h.consumerGroup + "@" + h.topic + " is not online!";
            } else {
                body.subscriptionData = sd;
                body.filterData = filterData(h.consumerGroup, sd);
                try {
                    filter = filters.filterFor(sd);
                } catch (SelectorSyntaxException e) {
                    body.filterData = e.getMessage();
                }
            }
        }
        for (QueueUnits.Unit u : units.units()) {
            ConsumeQueueData d = new ConsumeQueueData();
            d.physicOffset = u.phyOffset();
            d.physicSize = u.size();
            d.tagsCode = u.tagsCode();
            d.eval = filter != null && takes(filter, u);
            body.queueData.add(d);
        }
        return TopicAdminProcessor.ok(Json.toBytes(body));
    }

    /** What 4.9 shows as the group's filter data: the SQL92 expression it compiled, "null" for tags. */
    private static String filterData(String group, SubscriptionData sd) {
        if (sd.isTagType()) {
            return "null";
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("consumerGroup", group);
        data.put("topic", sd.topic);
        data.put("expression", sd.subString);
        data.put("expressionType", sd.expressionType);
        data.put("clientVersion", sd.subVersion);
        return Json.toString(data);
    }

    /** Whether the subscription takes the unit's message (tags on the unit; SQL92 on the stored properties). */
    private boolean takes(MessageFilter filter, QueueUnits.Unit u) {
        if (!filter.isMatchedByConsumeQueue(u.tagsCode())) {
            return false;
        }
        if (!filter.readsRecords()) {
            return true;
        }
        SelectMappedBufferResult record = store.selectOneMessageByOffset(u.phyOffset());
        if (record == null) {
            return false;
        }
        try {
            return filter.isMatchedByCommitLog(record.buffer().duplicate(), null);
        } finally {
            record.release();
        }
    }

    private RemotingCommand timeSpan(RemotingCommand request) throws Exception {
        QueryConsumeTimeSpanRequestHeader h = request.decodeHeader(QueryConsumeTimeSpanRequestHeader.class);
        TopicConfig tc = topics.select(h.topic);
        if (tc == null) {
            return RemotingCommand.createResponse(ResponseCode.TOPIC_NOT_EXIST, "topic[" + h.topic + "] not exist");
        }
        long now = System.currentTimeMillis();
        QueryConsumeTimeSpanBody body = new QueryConsumeTimeSpanBody();
        for (int q = 0; q < tc.writeQueueNums; q++) {
            QueueTimeSpan span = new QueueTimeSpan();
            span.messageQueue = new MessageQueue(h.topic, brokerName, q);
            long min = store.getMinOffsetInQueue(h.topic, q);
            long max = store.getMaxOffsetInQueue(h.topic, q);
            span.minTimeStamp = store.getEarliestMessageTime(h.topic, q);
            span.maxTimeStamp = max > min ? store.getMessageStoreTimeStamp(h.topic, q, max - 1) : -1;
            long consumed = offsets.query(h.group, h.topic, q);
            span.consumeTimeStamp = consumed > 0 ? store.getMessageStoreTimeStamp(h.topic, q, consumed - 1)
                    : span.minTimeStamp;
            if (consumed < max) {
                // how long the next message to consume has waited (from the queue's start without an offset)
                long next = store.getMessageStoreTimeStamp(h.topic, q, Math.max(consumed, min));
                span.delayTime = next > 0 ? now - next : 0;
            }
            span.minTimeStampStr = format(span.minTimeStamp);
            span.maxTimeStampStr = format(span.maxTimeStamp);
            span.consumeTimeStampStr = format(span.consumeTimeStamp);
            body.consumeTimeSpanSet.add(span);
        }
        return TopicAdminProcessor.ok(Json.toBytes(body));
    }

    private static String format(long millis) {
        return SPAN_TIME.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }

    /**
     * The lowest committed offset per queue over the topic's groups (those named in filterGroups left out; their
     * offsets are not touched, unlike 4.9 which deletes them), counting only offsets still in the queue. A queue
     * where compareGroup is behind that minimum needs no correction: Long.MAX_VALUE, as 4.9 means to answer.
     */
    private RemotingCommand correctionOffset(RemotingCommand request) throws Exception {
        QueryCorrectionOffsetHeader h = request.decodeHeader(QueryCorrectionOffsetHeader.class);
        Set<String> excluded = new HashSet<>();
        if (h.filterGroups != null && !h.filterGroups.isBlank()) {
            Arrays.stream(h.filterGroups.split(",")).map(String::trim).forEach(excluded::add);
        }
        Map<Integer, Long> lowest = new HashMap<>();
        for (String group : offsets.groupsOf(h.topic)) {
            if (excluded.contains(group)) {
                continue;
            }
            offsets.queryAll(group, h.topic).forEach((queueId, offset) -> {
                if (offset >= store.getMinOffsetInQueue(h.topic, queueId)) {
                    lowest.merge(queueId, offset, Math::min);
                }
            });
        }
        offsets.queryAll(h.compareGroup, h.topic).forEach((queueId, compare) ->
                lowest.computeIfPresent(queueId, (q, low) -> low > compare ? Long.MAX_VALUE : low));
        QueryCorrectionOffsetBody body = new QueryCorrectionOffsetBody();
        body.correctionOffsets.putAll(lowest);
        return TopicAdminProcessor.ok(Json.toBytes(body));
    }
}
