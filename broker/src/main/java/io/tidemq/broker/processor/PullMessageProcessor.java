package io.tidemq.broker.processor;

import io.tidemq.common.MonotonicClock;
import io.tidemq.broker.client.ConsumerGroupInfo;
import io.tidemq.broker.filter.RetryTopicMessageFilter;
import io.tidemq.broker.longpolling.PullRequest;
import io.tidemq.broker.longpolling.PullRequestHoldService;
import io.tidemq.broker.metrics.BrokerMetrics;
import io.tidemq.broker.stats.SlowConsumerProtection;
import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.PullMessageRequestHeader;
import io.tidemq.common.protocol.header.PullMessageResponseHeader;
import io.tidemq.common.protocol.heartbeat.MessageModel;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.filter.SelectorSyntaxException;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.GetMessageResult;
import io.tidemq.store.GetMessageStatus;
import io.tidemq.store.MessageFilter;
import io.tidemq.store.SelectMappedBufferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * PULL_MESSAGE: checks the group, topic and subscription, reads the consume queue, ships the stored records as they
 * are (zero copy), and parks pulls that find nothing until a message arrives (long polling).
 */
public final class PullMessageProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(PullMessageProcessor.class);
    private static final int FLAG_COMMIT_OFFSET = 1;
    private static final int FLAG_SUSPEND = 1 << 1;
    private static final int FLAG_SUBSCRIPTION = 1 << 2;

    private final BrokerMetadata meta;
    private final StoreAccess access;
    private final ConnectedClients clients;
    private final SlowConsumerProtection slowConsumers;
    private final BrokerMetrics metrics;
    private volatile ExecutorService executor;
    private volatile PullRequestHoldService holds;

    public PullMessageProcessor(BrokerMetadata meta, StoreAccess access, ConnectedClients clients,
                                SlowConsumerProtection slowConsumers, BrokerMetrics metrics) {
        this.meta = meta;
        this.access = access;
        this.clients = clients;
        this.slowConsumers = slowConsumers;
        this.metrics = metrics;
    }

    /** Where pulls that found nothing wait for messages; it is built on this processor, so it comes after it. */
    public void setHoldService(PullRequestHoldService holds) {
        this.holds = holds;
    }

    /** Where woken pulls run when their connection's I/O thread no longer takes tasks (the pull pool). */
    public void setExecutor(ExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return pull(channel, request, true);
    }

    /**
     * Re-runs a held pull without suspension and writes whatever it finds (possibly PULL_NOT_FOUND again). It runs
     * on the connection's I/O thread: a held pull is woken by a message just written, so its read is of hot pages
     * and short, and the answer then leaves without the two thread hand-offs (pull pool, then I/O thread) that were
     * a visible part of the end-to-end latency tail on a busy 2-core machine.
     */
    public void wakeup(PullRequest held) {
        Runnable task = () -> {
            try {
                RemotingCommand response = pull(held.channel(), held.request(), false);
                if (response != null) {
                    ResponseWriter.write(held.channel(), held.request(), response);
                }
            } catch (Exception e) {
                LOG.warn("re-running a held pull failed", e);
            }
        };
        try {
            held.channel().ioThread().execute(task);
        } catch (RejectedExecutionException closing) {
            ExecutorService pool = executor;
            if (pool != null && !pool.isShutdown()) {
                pool.execute(task);
            }
        }
    }

    RemotingCommand pull(RemoteChannel channel, RemotingCommand request, boolean allowSuspend) throws Exception {
        long beganNanos = System.nanoTime();
        PullMessageRequestHeader h = request.decodeHeader(PullMessageRequestHeader.class);
        RemotingCommand response = RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, null);
        PullMessageResponseHeader rh = new PullMessageResponseHeader();

        if (!PermName.isReadable(meta.config().getBrokerPermission())) {
            return response.setCode(ResponseCode.NO_PERMISSION).setRemark("the broker["
                    + meta.config().getBrokerIP1() + "] pulling message is forbidden");
        }
        SubscriptionGroupConfig group = meta.groups().findOrCreate(h.consumerGroup);
        if (group == null) {
            return response.setCode(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST).setRemark(
                    "subscription group [" + h.consumerGroup + "] does not exist, See http://rocketmq.apache.org/docs/faq/");
        }
        if (!group.consumeEnable) {
            return response.setCode(ResponseCode.NO_PERMISSION).setRemark("subscription group no permission, "
                    + h.consumerGroup);
        }
        boolean suspend = (h.sysFlag & FLAG_SUSPEND) != 0;
        boolean commitOffset = (h.sysFlag & FLAG_COMMIT_OFFSET) != 0;
        boolean hasSubscription = (h.sysFlag & FLAG_SUBSCRIPTION) != 0;

        TopicConfig tc = meta.topics().select(h.topic);
        if (tc == null) {
            return response.setCode(ResponseCode.TOPIC_NOT_EXIST).setRemark("topic[" + h.topic
                    + "] not exist, apply first please! See http://rocketmq.apache.org/docs/faq/");
        }
        if (!PermName.isReadable(tc.perm)) {
            return response.setCode(ResponseCode.NO_PERMISSION).setRemark("the topic[" + h.topic
                    + "] pulling message is forbidden");
        }
        if (h.queueId < 0 || h.queueId >= tc.readQueueNums) {
            return response.setCode(ResponseCode.SYSTEM_ERROR).setRemark("queueId[" + h.queueId
                    + "] is illegal, topic:[" + h.topic + "] topicConfig.readQueueNums:[" + tc.readQueueNums
                    + "] consumer:[" + channel.remoteAddress() + "]");
        }

        SubscriptionData subscription;
        if (hasSubscription) {
            subscription = fromHeader(h);
        } else {
            ConsumerGroupInfo info = clients.consumers().group(h.consumerGroup);
            if (info == null) {
                return response.setCode(ResponseCode.SUBSCRIPTION_NOT_EXIST).setRemark(
                        "the consumer's group info not exist, See http://rocketmq.apache.org/docs/faq/");
            }
            if (!group.consumeBroadcastEnable && info.messageModel() == MessageModel.BROADCASTING) {
                return response.setCode(ResponseCode.NO_PERMISSION).setRemark("the consumer group["
                        + h.consumerGroup + "] can not consume by broadcast way");
            }
            subscription = info.subscription(h.topic);
            if (subscription == null) {
                return response.setCode(ResponseCode.SUBSCRIPTION_NOT_EXIST).setRemark(
                        "the consumer's subscription not exist, See http://rocketmq.apache.org/docs/faq/");
            }
            if (subscription.subVersion < h.subVersion) {
                return response.setCode(ResponseCode.SUBSCRIPTION_NOT_LATEST).setRemark(
                        "the consumer's subscription not latest");
            }
        }
        if (!subscription.isTagType() && !meta.config().isEnablePropertyFilter()) {
            return response.setCode(ResponseCode.SYSTEM_ERROR).setRemark(
                    "The broker does not support consumer to filter message by " + subscription.expressionType);
        }
        MessageFilter filter;
        try {
            filter = clients.filters().filterFor(subscription);
        } catch (SelectorSyntaxException e) {
            // 4.9 would drop a bad expression of a pull consumer and deliver everything; refusing loses nothing
            return response.setCode(ResponseCode.SUBSCRIPTION_PARSE_FAILED).setRemark(e.getMessage());
        }
        if (meta.config().isFilterSupportRetry() && subscription.isTagType()
                && h.topic.startsWith(TopicValidator.RETRY_GROUP_TOPIC_PREFIX)) {
            ConsumerGroupInfo info = clients.consumers().group(h.consumerGroup);
            if (info != null) {
                filter = new RetryTopicMessageFilter(info::subscription, clients.filters());
            }
        }
        GetMessageResult result = access.store().getMessage(h.consumerGroup, h.topic, h.queueId, h.queueOffset,
                h.maxMsgNums, filter);
        boolean isSlave = access.roles().isSlave();
        rh.nextBeginOffset = result.nextBeginOffset();
        rh.minOffset = result.minOffset();
        rh.maxOffset = result.maxOffset();
        rh.suggestWhichBrokerId = suggestBroker(group, result, isSlave);
        GetMessageStatus status = result.status();
        int code = codeOf(status, h.queueOffset);
        if (isSlave && code == ResponseCode.PULL_OFFSET_MOVED) {
            // A slave may be behind its master: let the client retry rather than move its offset.
            code = ResponseCode.PULL_RETRY_IMMEDIATELY;
            rh.suggestWhichBrokerId = group.brokerId;
        }
        response.setCode(code).setRemark(status.name());
        response.writeHeader(rh);

        if (code == ResponseCode.SUCCESS) {
            List<SelectMappedBufferResult> messages = result.messages();
            ByteBuffer[] buffers = new ByteBuffer[messages.size()];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = messages.get(i).buffer();
            }
            access.stats().recordGet(h.topic, h.consumerGroup, result.messageCount(), result.bufferTotalSize(),
                    (System.nanoTime() - beganNanos) / 1_000_000);
            metrics.pullServed(System.nanoTime() - beganNanos);
            if (access.config().transfer().isDiskFallRecorded() && !messages.isEmpty()) {
                slowConsumers.recordPull(h.consumerGroup, h.topic, h.queueId,
                        access.store().getMaxPhyOffset(), messages.get(messages.size() - 1).startOffset());
            }
            response.setBodyBuffers(buffers, result::release);
        } else {
            result.release();
            if (code == ResponseCode.PULL_NOT_FOUND && allowSuspend && suspend) {
                long hold = meta.config().isLongPollingEnable() ? h.suspendTimeoutMillis
                        : meta.config().getShortPollingTimeMills();
                holds.suspend(h.topic, h.queueId, new PullRequest(request, channel,
                        MonotonicClock.millis(), hold, h.queueOffset, filter));
                response = null;
            }
        }
        if (allowSuspend && commitOffset && !isSlave) {
            meta.offsets().commit(h.consumerGroup, h.topic, h.queueId, h.commitOffset);
        }
        return response;
    }

    private long suggestBroker(SubscriptionGroupConfig group, GetMessageResult result, boolean isSlave) {
        if (!meta.config().isSlaveReadEnable()) {
            return 0;
        }
        return result.suggestPullingFromSlave() ? group.whichBrokerWhenConsumeSlowly : group.brokerId;
    }

    private static int codeOf(GetMessageStatus status, long requestedOffset) {
        return switch (status) {
            case FOUND -> ResponseCode.SUCCESS;
            case MESSAGE_WAS_REMOVING, NO_MATCHED_MESSAGE -> ResponseCode.PULL_RETRY_IMMEDIATELY;
            case NO_MATCHED_LOGIC_QUEUE, NO_MESSAGE_IN_QUEUE -> requestedOffset != 0
                    ? ResponseCode.PULL_OFFSET_MOVED : ResponseCode.PULL_NOT_FOUND;
            case OFFSET_FOUND_NULL, OFFSET_OVERFLOW_ONE -> ResponseCode.PULL_NOT_FOUND;
            case OFFSET_OVERFLOW_BADLY, OFFSET_TOO_SMALL -> ResponseCode.PULL_OFFSET_MOVED;
        };
    }

    /** The subscription a pull consumer sends with each pull (TAG or SQL92). */
    private static SubscriptionData fromHeader(PullMessageRequestHeader h) {
        if (h.expressionType == null || SubscriptionData.TAG.equals(h.expressionType)) {
            return SubscriptionData.ofTags(h.topic, h.subscription);
        }
        SubscriptionData sd = new SubscriptionData();
        sd.topic = h.topic;
        sd.subString = h.subscription;
        sd.expressionType = h.expressionType;
        sd.subVersion = h.subVersion;
        return sd;
    }
}
