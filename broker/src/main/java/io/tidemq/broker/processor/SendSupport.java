package io.tidemq.broker.processor;

import io.tidemq.broker.metrics.BrokerMetrics;
import io.tidemq.broker.role.ReplicationGate;
import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.SendMessageRequestHeader;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.common.topic.TopicFilterType;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.AppendMessageResult;
import io.tidemq.store.PutMessageResult;
import io.tidemq.store.PutMessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;

/** The checks and answers every send path shares (plain, batch, send-back, reply). Thread-safe. */
public final class SendSupport {
    private static final Logger LOG = LoggerFactory.getLogger(SendSupport.class);
    private static final int RETRY_PERM = PermName.PERM_READ | PermName.PERM_WRITE;

    private static final DateTimeFormatter ACCEPT_TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneId.systemDefault());

    private static final String MSG_ID = "msgId";
    private static final String QUEUE_ID = "queueId";
    private static final String QUEUE_OFFSET = "queueOffset";

    private final BrokerMetadata meta;
    private final StoreAccess access;
    private final ReplicationGate gate;
    private final BrokerMetrics metrics;

    public SendSupport(BrokerMetadata meta, StoreAccess access, ReplicationGate gate, BrokerMetrics metrics) {
        this.meta = meta;
        this.access = access;
        this.gate = gate;
        this.metrics = metrics;
    }

    /** A send response: SendMessageResponseHeader fields go into extFields next to MSG_REGION and TRACE_ON. */
    public RemotingCommand newSendResponse() {
        RemotingCommand response = RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, null);
        response.addExtField(MessageConst.PROPERTY_MSG_REGION, meta.config().getRegionId());
        response.addExtField(MessageConst.PROPERTY_TRACE_SWITCH, String.valueOf(meta.config().isTraceOn()));
        return response;
    }

    /** Null when {@code topic} may be sent to by name and broker permission, else the refusal text. */
    public String checkWritable(String topic) {
        if (!PermName.isWriteable(meta.config().getBrokerPermission())) {
            return "the broker[" + meta.config().getBrokerIP1() + "] sending message is forbidden";
        }
        if (TopicValidator.RMQ_SYS_SCHEDULE_TOPIC.equals(topic)) {
            return "Sending message to topic[" + topic + "] is forbidden.";
        }
        return null;
    }

    /**
     * Null once the broker accepts sends, else Apache's refusal text: startAcceptSendRequestTimeStamp holds sends off
     * until a given time (e.g. while an operator warms a broker up before traffic).
     */
    public String notAcceptingSendsYet() {
        long start = meta.config().getStartAcceptSendRequestTimeStamp();
        if (System.currentTimeMillis() >= start) {
            return null;
        }
        return "broker unable to service, until " + ACCEPT_TIME_FORMAT.format(Instant.ofEpochMilli(start));
    }

    /**
     * The topic's config, created on demand (through the default topic, or as a retry topic). On failure it fills
     * {@code response} with the code and returns null.
     */
    public TopicConfig findOrCreateTopic(SendMessageRequestHeader h, RemoteChannel channel, RemotingCommand response) {
        String bad = TopicValidator.checkName(h.topic);
        if (bad != null) {
            response.setCode(ResponseCode.SYSTEM_ERROR).setRemark(bad);
            return null;
        }
        TopicConfig tc = meta.topics().select(h.topic);
        if (tc == null) {
            int sysFlag = h.unitMode ? (TopicValidator.isRetryTopic(h.topic) ? 2 : 1) : 0;
            tc = meta.topics().createOnSend(h.topic, h.defaultTopic,
                    h.defaultTopicQueueNums == null ? 4 : h.defaultTopicQueueNums, sysFlag);
            if (tc == null && TopicValidator.isRetryTopic(h.topic)) {
                tc = meta.topics().createIfAbsent(h.topic, 1, RETRY_PERM, sysFlag);
            }
            if (tc == null) {
                response.setCode(ResponseCode.TOPIC_NOT_EXIST).setRemark("topic[" + h.topic
                        + "] not exist, apply first please! See http://rocketmq.apache.org/docs/faq/");
                return null;
            }
        }
        if (!PermName.isWriteable(tc.perm)) {
            response.setCode(ResponseCode.NO_PERMISSION).setRemark("the topic[" + h.topic
                    + "] sending message is forbidden");
            return null;
        }
        return tc;
    }

    /**
     * For %RETRY% topics: checks the group exists and redirects the message to %DLQ%group when it has been
     * reconsumed too often. False (with {@code response} filled) when the send must stop.
     */
    public boolean handleRetryAndDlq(SendMessageRequestHeader h, MessageExtBrokerInner msg, RemoteChannel channel,
                                     RemotingCommand response) {
        if (!TopicValidator.isRetryTopic(h.topic)) {
            return true;
        }
        String group = h.topic.substring(TopicValidator.RETRY_GROUP_TOPIC_PREFIX.length());
        SubscriptionGroupConfig groupConfig = meta.groups().findOrCreate(group);
        if (groupConfig == null) {
            response.setCode(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST).setRemark("subscription group not exist, "
                    + group + " See http://rocketmq.apache.org/docs/faq/");
            return false;
        }
        int max = h.maxReconsumeTimes != null ? h.maxReconsumeTimes : groupConfig.retryMaxTimes;
        int reconsumeTimes = h.reconsumeTimes == null ? 0 : h.reconsumeTimes;
        if (reconsumeTimes >= max) {
            String dlq = TopicValidator.dlqTopic(group);
            meta.topics().createIfAbsent(dlq, 1, RETRY_PERM, 0);
            msg.setTopic(dlq);
            msg.setQueueId(0);
            msg.clearProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        }
        return true;
    }

    /** Strict SYNC_MASTER: fills {@code response} and returns true when the send must not even be stored. */
    public boolean refusedForNoSlave(RemotingCommand response, boolean waitStoreMsgOk) {
        if (!gate.refuseBeforeStore(waitStoreMsgOk)) {
            return false;
        }
        // not SLAVE_NOT_AVAILABLE: clients read that code as "stored on the master"; this one makes them retry
        // on another broker
        response.setCode(ResponseCode.SERVICE_NOT_AVAILABLE).setRemark(
                "no slave can take this message now and syncMasterStrict=true: refused, nothing stored");
        return true;
    }

    /**
     * Answers the send once the store completes: directly when already done, else later through the channel.
     * {@code requestedQueue} is what the client asked for (delayed messages report it, not the schedule queue).
     */
    public RemotingCommand answerWhenStored(RemoteChannel channel, RemotingCommand request, RemotingCommand response,
                                           CompletableFuture<PutMessageResult> stored, int requestedQueue,
                                           String topic, boolean waitStoreMsgOk) {
        CompletableFuture<PutMessageResult> future = gate.afterStore(stored, waitStoreMsgOk);
        if (future.isDone()) {
            fill(response, future.getNow(null), requestedQueue, topic);
            return response;
        }
        future.whenComplete((result, error) -> {
            if (error != null) {
                LOG.error("store failed for a send to {}", topic, error);
                response.setCode(ResponseCode.SYSTEM_ERROR).setRemark("store error: " + error.getMessage());
            } else {
                fill(response, result, requestedQueue, topic);
            }
            // a group commit or a slave's acknowledgement completes the sends it covers together
            ResponseWriter.writeInGroup(channel, request, response);
        });
        return null;
    }

    private void fill(RemotingCommand response, PutMessageResult result, int requestedQueue, String topic) {
        PutMessageStatus status = result == null ? PutMessageStatus.UNKNOWN_ERROR : result.status();
        if (!status.isOk()) {
            metrics.refused(status == PutMessageStatus.OS_PAGECACHE_BUSY ? "busy"
                    : status.name().toLowerCase(java.util.Locale.ROOT));
        }
        switch (status) {
            case PUT_OK -> response.setCode(ResponseCode.SUCCESS).setRemark(null);
            case FLUSH_DISK_TIMEOUT -> response.setCode(ResponseCode.FLUSH_DISK_TIMEOUT)
                    .setRemark("flush disk timeout");
            case FLUSH_SLAVE_TIMEOUT -> response.setCode(ResponseCode.FLUSH_SLAVE_TIMEOUT)
                    .setRemark("wait slave acknowledgement timeout");
            case SLAVE_NOT_AVAILABLE -> response.setCode(ResponseCode.SLAVE_NOT_AVAILABLE)
                    .setRemark("no slave available to replicate to");
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> response.setCode(ResponseCode.MESSAGE_ILLEGAL)
                    .setRemark("the message is illegal, maybe msg body or properties length not matched. msg body "
                            + "length limit " + access.config().getMaxMessageSize()
                            + "B, properties length limit 32767B, topic length limit 127.");
            case SERVICE_NOT_AVAILABLE -> {
                String why = access.store().writeRefusal();
                response.setCode(ResponseCode.SERVICE_NOT_AVAILABLE).setRemark(why == null
                        ? "service not available now, maybe disk full or the store is shutting down"
                        : "service not available now: writes are refused after a store error (" + why + ")");
            }
            case DISK_FULL -> response.setCode(ResponseCode.SERVICE_NOT_AVAILABLE)
                    .setRemark("service not available now: disk full, writes are refused until space is freed ("
                            + java.util.Objects.requireNonNullElse(access.store().writeRefusal(), "disk full") + ")");
            case OS_PAGECACHE_BUSY -> response.setCode(ResponseCode.SYSTEM_ERROR)
                    .setRemark("[PC_SYNCHRONIZED]broker busy, start flow control for a while");
            case CREATE_MAPPED_FILE_FAILED -> response.setCode(ResponseCode.SYSTEM_ERROR)
                    .setRemark("create mapped file failed, server is busy or broken.");
            default -> response.setCode(ResponseCode.SYSTEM_ERROR).setRemark("UNKNOWN_ERROR");
        }
        AppendMessageResult append = result == null ? null : result.appendResult();
        if (status.isOk() && append != null) {
            // the fields of SendMessageResponseHeader, written directly: through the header object and
            // HeaderCodec each send built a second map, an iterator and boxed numbers
            response.addExtField(MSG_ID, append.msgIds());
            response.addExtField(QUEUE_ID, Integer.toString(requestedQueue));
            response.addExtField(QUEUE_OFFSET, Long.toString(append.logicsOffset()));
            access.stats().recordPut(topic, append.msgNum(), append.wroteBytes());
        }
    }

    /**
     * What every stored message takes from its send request: body, flags, birth, hosts, reconsume count, and the
     * cluster property (request-reply addresses its reply topic by it). Properties must already be set.
     */
    public void fillFromRequest(MessageExtBrokerInner msg, SendMessageRequestHeader h, RemoteChannel channel,
                                byte[] body, TopicConfig topicConfig) {
        msg.setBody(body == null ? new byte[0] : body);
        msg.setFlag(h.flag == null ? 0 : h.flag);
        msg.setSysFlag(sysFlagFor(h.sysFlag == null ? 0 : h.sysFlag, topicConfig));
        msg.setBornTimestamp(h.bornTimestamp == null ? 0 : h.bornTimestamp);
        msg.setBornHost((InetSocketAddress) channel.remoteSocketAddress());
        msg.setStoreHost(access.storeHost());
        msg.setReconsumeTimes(h.reconsumeTimes == null ? 0 : h.reconsumeTimes);
        msg.getProperties().put(MessageConst.PROPERTY_CLUSTER, meta.config().getBrokerClusterName());
    }

    static int sysFlagFor(int requested, TopicConfig topicConfig) {
        int sysFlag = requested;
        if (topicConfig.topicFilterType == TopicFilterType.MULTI_TAG) {
            sysFlag |= MessageSysFlag.MULTI_TAGS_FLAG;
        }
        return sysFlag;
    }
}
