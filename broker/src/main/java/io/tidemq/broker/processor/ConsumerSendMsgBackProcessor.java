package io.tidemq.broker.processor;

import io.tidemq.broker.schedule.MessagePutter;
import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.ConsumerSendMsgBackRequestHeader;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import io.tidemq.common.topic.PermName;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.PutMessageResult;

import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * CONSUMER_SEND_MSG_BACK: a consumer gave up on a message for now; store a copy in {@code %RETRY%group} with a delay
 * that grows with each attempt, or in {@code %DLQ%group} once the group's retries are used up.
 */
public final class ConsumerSendMsgBackProcessor implements RequestProcessor {
    /** Clients older than V3_4_9 cannot carry their own maxReconsumeTimes. */
    private static final int VERSION_WITH_MAX_RECONSUME = 121;
    private static final int RETRY_PERM = PermName.PERM_READ | PermName.PERM_WRITE;

    private final BrokerMetadata meta;
    private final StoreAccess access;
    private final MessagePutter putter;

    public ConsumerSendMsgBackProcessor(BrokerMetadata meta, StoreAccess access, MessagePutter putter) {
        this.meta = meta;
        this.access = access;
        this.putter = putter;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        ConsumerSendMsgBackRequestHeader h = request.decodeHeader(ConsumerSendMsgBackRequestHeader.class);
        SubscriptionGroupConfig group = meta.groups().findOrCreate(h.group);
        if (group == null) {
            return RemotingCommand.createResponse(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group not exist, " + h.group + " See http://rocketmq.apache.org/docs/faq/");
        }
        if (!PermName.isWriteable(meta.config().getBrokerPermission())) {
            return RemotingCommand.createResponse(ResponseCode.NO_PERMISSION, "the broker["
                    + meta.config().getBrokerIP1() + "] sending message is forbidden");
        }
        if (group.retryQueueNums <= 0) {
            return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
        }
        String topic = TopicValidator.retryTopic(h.group);
        int queueId = ThreadLocalRandom.current().nextInt(group.retryQueueNums);
        meta.topics().createIfAbsent(topic, group.retryQueueNums, RETRY_PERM, h.unitMode ? 2 : 0);

        MessageExt origin = access.store().lookMessageByOffset(h.offset);
        if (origin == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "look message by offset failed, "
                    + h.offset);
        }
        HashMap<String, String> props = new HashMap<>(origin.getProperties());
        props.putIfAbsent(MessageConst.PROPERTY_RETRY_TOPIC, origin.getTopic());
        props.put(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "false");

        int max = h.maxReconsumeTimes != null && request.getVersion() >= VERSION_WITH_MAX_RECONSUME
                ? h.maxReconsumeTimes : group.retryMaxTimes;
        int delayLevel = h.delayLevel;
        if (origin.getReconsumeTimes() >= max || delayLevel < 0) {
            topic = TopicValidator.dlqTopic(h.group);
            queueId = 0;
            meta.topics().createIfAbsent(topic, 1, RETRY_PERM, 0);
            props.remove(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        } else {
            if (delayLevel == 0) {
                delayLevel = 3 + origin.getReconsumeTimes();
            }
            props.put(MessageConst.PROPERTY_DELAY_TIME_LEVEL, String.valueOf(delayLevel));
        }
        String originId = props.get(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID);
        if (originId == null || originId.isBlank()) {
            props.put(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID, origin.getMsgId());
        }

        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(topic);
        msg.setQueueId(queueId);
        msg.setBody(origin.getBody());
        msg.setFlag(origin.getFlag());
        msg.setProperties(props);
        msg.encodePropertiesString();
        msg.setSysFlag(origin.getSysFlag());
        msg.setBornTimestamp(origin.getBornTimestamp());
        msg.setBornHost(origin.getBornHost());
        msg.setStoreHost(access.storeHost());
        msg.setReconsumeTimes(origin.getReconsumeTimes() + 1);

        String originalTopic = props.get(MessageConst.PROPERTY_RETRY_TOPIC);
        CompletableFuture<PutMessageResult> future = putter.put(msg);
        if (future.isDone()) {
            return answer(future.getNow(null), originalTopic, h.group);
        }
        future.whenComplete((r, e) -> ResponseWriter.write(channel, request, e != null
                ? RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, String.valueOf(e))
                : answer(r, originalTopic, h.group)));
        return null;
    }

    private RemotingCommand answer(PutMessageResult r, String originalTopic, String group) {
        if (r != null && r.isOk()) {
            access.stats().recordSendBack(originalTopic, group);
            return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
        }
        return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, r == null ? "UNKNOWN_ERROR"
                : r.status().name());
    }
}
