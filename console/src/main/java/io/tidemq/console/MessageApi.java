package io.tidemq.console;

import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.trace.TraceBean;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.protocol.body.Connection;
import org.apache.rocketmq.common.protocol.body.ConsumeMessageDirectlyResult;
import org.apache.rocketmq.common.protocol.body.ConsumerConnection;
import org.apache.rocketmq.tools.admin.api.MessageTrack;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The message pages: a message by id (body, properties, trace, which groups consumed it), messages by key and by
 * topic and time, and resending one to a consumer group. The dead-letter page browses %DLQ% topics with the same
 * calls.
 */
final class MessageApi {
    static final int MAX_LISTED = 200;
    private static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";

    record MessageRow(String msgId, String topic, String tags, String keys, int queueId, long queueOffset,
                      long storeTimestamp, String storeHost, String bornHost, int bodySize) {
        static MessageRow of(MessageExt m) {
            return new MessageRow(m.getMsgId(), m.getTopic(), nz(m.getTags()), nz(m.getKeys()), m.getQueueId(),
                    m.getQueueOffset(), m.getStoreTimestamp(), String.valueOf(m.getStoreHost()),
                    String.valueOf(m.getBornHost()), m.getBody() == null ? 0 : m.getBody().length);
        }
    }

    record TraceRow(String type, long timestamp, String group, String clientHost, String storeHost, int costMs,
                    boolean success, String status, String msgType) {
    }

    private final ClusterAdmin cluster;

    MessageApi(ClusterAdmin cluster) {
        this.cluster = cluster;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    Object byId(ApiRequest request) throws Exception {
        String topic = request.required("topic");
        String id = request.required("msgId");
        MessageExt m;
        try {
            m = cluster.admin().viewMessage(topic, id);
        } catch (Exception e) {
            throw new ApiException(404, "no message " + id + " in " + topic + ": " + ConsoleErrors.describe(e));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", MessageRow.of(m));
        out.put("properties", new TreeMap<>(m.getProperties()));
        out.put("bornTimestamp", m.getBornTimestamp());
        out.put("reconsumeTimes", m.getReconsumeTimes());
        out.put("commitLogOffset", m.getCommitLogOffset());
        byte[] body = m.getBody() == null ? new byte[0] : m.getBody();
        String text = utf8(body);
        out.put("bodyEncoding", text != null ? "utf-8" : "base64");
        out.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
        out.put("trace", trace(m.getMsgId()));
        List<Map<String, String>> tracks = new ArrayList<>();
        try {
            for (MessageTrack t : cluster.admin().messageTrackDetail(m)) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("group", t.getConsumerGroup());
                row.put("state", String.valueOf(t.getTrackType()));
                row.put("detail", nz(t.getExceptionDesc()));
                tracks.add(row);
            }
        } catch (Exception e) {
            tracks.add(Map.of("group", "", "state", "UNKNOWN", "detail", ConsoleErrors.describe(e)));
        }
        out.put("consumedBy", tracks);
        return out;
    }

    /** The trace records of a message (message trace on: the trace topic holds them, keyed by message id). */
    private List<TraceRow> trace(String msgId) {
        List<TraceRow> rows = new ArrayList<>();
        try {
            long now = System.currentTimeMillis();
            for (MessageExt t : cluster.admin().queryMessage(TRACE_TOPIC, msgId, 64, 0, now + 60_000)
                    .getMessageList()) {
                for (TraceContext ctx : TraceDataEncoder.decoderFromTraceDataString(
                        new String(t.getBody(), StandardCharsets.UTF_8))) {
                    for (TraceBean b : ctx.getTraceBeans()) {
                        if (!msgId.equals(b.getMsgId())) {
                            continue;
                        }
                        rows.add(new TraceRow(String.valueOf(ctx.getTraceType()), ctx.getTimeStamp(),
                                nz(ctx.getGroupName()), nz(b.getClientHost()), nz(b.getStoreHost()),
                                ctx.getCostTime(), ctx.isSuccess(), ctx.getContextCode() == 0 ? "" : "code "
                                + ctx.getContextCode(), b.getMsgType() == null ? "" : b.getMsgType().name()));
                    }
                }
            }
        } catch (Exception e) {
            // no trace topic: trace is off for this cluster, which the page says by showing none
        }
        rows.sort(Comparator.comparingLong(TraceRow::timestamp));
        return rows;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    Object byKey(ApiRequest request) throws Exception {
        String topic = request.required("topic");
        String key = request.required("key");
        List<MessageRow> rows = new ArrayList<>();
        for (MessageExt m : cluster.admin().queryMessage(topic, key, 64, 0, System.currentTimeMillis() + 60_000)
                .getMessageList()) {
            rows.add(MessageRow.of(m));
        }
        rows.sort(Comparator.comparingLong(MessageRow::storeTimestamp).reversed());
        return rows;
    }

    Object byTime(ApiRequest request) throws Exception {
        String topic = request.required("topic");
        long end = request.longParam("end", System.currentTimeMillis());
        long begin = request.longParam("begin", end - 3_600_000L);
        return browse(topic, begin, end);
    }

    /** Up to {@value #MAX_LISTED} messages of the topic stored within [begin, end], newest first. */
    List<MessageRow> browse(String topic, long begin, long end) throws Exception {
        if (begin > end) {
            throw new ApiException(400, "'begin' is after 'end'");
        }
        List<MessageRow> rows = new ArrayList<>();
        for (MessageQueue mq : cluster.browser().fetchSubscribeMessageQueues(topic)) {
            long from = cluster.admin().searchOffset(mq, begin);
            long to = cluster.admin().searchOffset(mq, end);
            long offset = from;
            while (offset <= to && rows.size() < MAX_LISTED * 4) {
                PullResult r = cluster.browser().pull(mq, "*", offset, 32);
                if (r.getPullStatus() != PullStatus.FOUND) {
                    break;
                }
                for (MessageExt m : r.getMsgFoundList()) {
                    if (m.getStoreTimestamp() >= begin && m.getStoreTimestamp() <= end) {
                        rows.add(MessageRow.of(m));
                    }
                }
                offset = r.getNextBeginOffset();
            }
        }
        rows.sort(Comparator.comparingLong(MessageRow::storeTimestamp).reversed());
        return rows.size() > MAX_LISTED ? rows.subList(0, MAX_LISTED) : rows;
    }

    /** Has one online consumer of the group consume the message again, and reports what its listener answered. */
    Object resend(ApiRequest request) throws Exception {
        String group = request.required("group");
        String topic = request.required("topic");
        String msgId = request.required("msgId");
        String clientId = request.optional("clientId", "");
        if (clientId.isBlank()) {
            ConsumerConnection cc;
            try {
                cc = cluster.admin().examineConsumerConnectionInfo(group);
            } catch (Exception e) {
                throw new ApiException(409, "no consumer of " + group + " is online to take the message");
            }
            clientId = cc.getConnectionSet().stream().map(Connection::getClientId).sorted().findFirst()
                    .orElseThrow(() -> new ApiException(409, "no consumer of " + group + " is online"));
        }
        ConsumeMessageDirectlyResult r = cluster.admin().consumeMessageDirectly(group, clientId, topic, msgId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", clientId);
        out.put("result", String.valueOf(r.getConsumeResult()));
        out.put("remark", nz(r.getRemark()));
        out.put("spentMs", r.getSpentTimeMills());
        return out;
    }

    Object deadLetters(ApiRequest request) throws Exception {
        String group = request.required("group");
        long end = request.longParam("end", System.currentTimeMillis());
        long begin = request.longParam("begin", end - 24 * 3_600_000L);
        try {
            return browse("%DLQ%" + group, begin, end);
        } catch (org.apache.rocketmq.client.exception.MQClientException e) {
            // no dead-letter topic: nothing ever failed for good in this group
            return List.of();
        }
    }
}
