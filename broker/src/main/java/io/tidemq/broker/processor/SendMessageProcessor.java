package io.tidemq.broker.processor;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.schedule.MessagePutter;
import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.broker.transaction.TransactionalMessageService;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageProperties;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.SendMessageRequestHeader;
import io.tidemq.common.protocol.header.SendMessageRequestHeaderV2;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.PutMessageResult;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SEND_MESSAGE, SEND_MESSAGE_V2 and SEND_BATCH_MESSAGE: validate, auto-create the topic, apply retry/DLQ, delay and
 * transaction rules, append, and answer once the store says the message is as durable as configured.
 */
public final class SendMessageProcessor implements RequestProcessor {
    private final SendSupport support;
    private final BrokerConfig config;
    private final StoreAccess access;
    private final MessagePutter putter;
    private final TransactionalMessageService transactions;

    public SendMessageProcessor(SendSupport support, BrokerConfig config, StoreAccess access, MessagePutter putter,
                                TransactionalMessageService transactions) {
        this.support = support;
        this.config = config;
        this.access = access;
        this.putter = putter;
        this.transactions = transactions;
    }

    @Override
    public boolean rejectRequest() {
        return access.store().isOSPageCacheBusy();
    }

    /** Appends are memory copies and flushes or replica acknowledgements complete later, so nothing here waits. */
    @Override
    public boolean runsInlineWhenIdle() {
        return true;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        SendMessageRequestHeader header = decodeHeader(request);
        RemotingCommand response = support.newSendResponse();

        String refusal = support.checkWritable(header.topic);
        if (refusal != null) {
            return response.setCode(ResponseCode.NO_PERMISSION).setRemark(refusal);
        }
        String notYet = support.notAcceptingSendsYet();
        if (notYet != null) {
            return response.setCode(ResponseCode.SYSTEM_ERROR).setRemark(notYet);
        }
        if (!access.roles().acceptsWrites()) {
            return response.setCode(ResponseCode.SERVICE_NOT_AVAILABLE).setRemark("the broker[" + config.getBrokerIP1()
                    + (access.roles().isSlave() ? "] is a slave, cannot write"
                    : "] holds no write lease from the controllers (being replaced, or cut off from them)"));
        }
        TopicConfig topicConfig = support.findOrCreateTopic(header, channel, response);
        if (topicConfig == null) {
            return response;
        }
        int queueId = header.queueId;
        int maxQueue = Math.max(topicConfig.writeQueueNums, topicConfig.readQueueNums);
        if (queueId >= maxQueue) {
            return response.setCode(ResponseCode.SYSTEM_ERROR).setRemark("request queueId[" + queueId
                    + "] is illegal, " + topicConfig + " Producer: " + channel.remoteAddress());
        }
        if (queueId < 0) {
            queueId = ThreadLocalRandom.current().nextInt(Math.max(1, topicConfig.writeQueueNums));
        }
        if (header.batch) {
            return sendBatch(channel, request, header, topicConfig, queueId, response);
        }
        return sendOne(channel, request, header, topicConfig, queueId, response);
    }

    private RemotingCommand sendOne(RemoteChannel channel, RemotingCommand request, SendMessageRequestHeader h,
                                    TopicConfig topicConfig, int queueId, RemotingCommand response) {
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(h.topic);
        msg.setQueueId(queueId);
        Map<String, String> props = MessageProperties.decode(h.properties);
        msg.setProperties(props);
        if (!support.handleRetryAndDlq(h, msg, channel, response)) {
            return response;
        }
        support.fillFromRequest(msg, h, channel, null, topicConfig);
        // the store writes the body straight from the request's buffer: appends happen before process() returns,
        // which is as long as the view is valid
        ByteBuffer body = request.bodyView();
        if (body != null) {
            msg.setBodyView(body);
        }
        // WAIT=true need not be stored (it is the default); keep it in the map, where the store reads it.
        String waitValue = props.remove(MessageConst.PROPERTY_WAIT_STORE_MSG_OK);
        msg.encodePropertiesString();
        if (waitValue != null) {
            props.put(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, waitValue);
        }
        int requestedQueue = msg.getQueueId();
        boolean wait = msg.isWaitStoreMsgOK();
        if (support.refusedForNoSlave(response, wait)) {
            return response;
        }
        CompletableFuture<PutMessageResult> future;
        if (Boolean.parseBoolean(props.get(MessageConst.PROPERTY_TRANSACTION_PREPARED))) {
            if (config.isRejectTransactionMessage()) {
                return response.setCode(ResponseCode.NO_PERMISSION).setRemark("the broker["
                        + config.getBrokerIP1() + "] sending transaction message is forbidden");
            }
            future = transactions.prepare(msg);
        } else {
            future = putter.put(msg);
        }
        return support.answerWhenStored(channel, request, response, future, requestedQueue, h.topic, wait);
    }

    private RemotingCommand sendBatch(RemoteChannel channel, RemotingCommand request, SendMessageRequestHeader h,
                                      TopicConfig topicConfig, int queueId, RemotingCommand response) {
        if (h.topic.length() > TopicValidator.TOPIC_MAX_LENGTH) {
            return response.setCode(ResponseCode.MESSAGE_ILLEGAL).setRemark("message topic length too long "
                    + h.topic.length());
        }
        if (TopicValidator.isRetryTopic(h.topic)) {
            return response.setCode(ResponseCode.MESSAGE_ILLEGAL).setRemark("batch request does not support retry group "
                    + h.topic);
        }
        Map<String, String> batchProps = MessageProperties.decode(h.properties);
        if (batchProps.containsKey(MessageConst.PROPERTY_DELAY_TIME_LEVEL)
                || Boolean.parseBoolean(batchProps.get(MessageConst.PROPERTY_TRANSACTION_PREPARED))) {
            return response.setCode(ResponseCode.MESSAGE_ILLEGAL)
                    .setRemark("batch messages support neither delay levels nor transactions");
        }
        MessageExtBatch batch = new MessageExtBatch();
        batch.setTopic(h.topic);
        batch.setQueueId(queueId);
        batch.setBody(request.getBody() == null ? new byte[0] : request.getBody());
        batch.setFlag(h.flag);
        batch.setSysFlag(SendSupport.sysFlagFor(h.sysFlag, topicConfig));
        batch.setBornTimestamp(h.bornTimestamp);
        batch.setBornHost((InetSocketAddress) channel.remoteSocketAddress());
        batch.setStoreHost(access.storeHost());
        batch.setReconsumeTimes(h.reconsumeTimes == null ? 0 : h.reconsumeTimes);
        batchProps.put(MessageConst.PROPERTY_CLUSTER, config.getBrokerClusterName());
        batch.setProperties(batchProps);
        batch.encodePropertiesString();
        boolean wait = batch.isWaitStoreMsgOK();
        if (support.refusedForNoSlave(response, wait)) {
            return response;
        }
        CompletableFuture<PutMessageResult> future = putter.put(batch);
        return support.answerWhenStored(channel, request, response, future, queueId, h.topic, wait);
    }

    /** Both header forms decode to the long-named one; V2 is what the client sends by default. */
    static SendMessageRequestHeader decodeHeader(RemotingCommand request) throws Exception {
        if (request.getCode() == RequestCode.SEND_MESSAGE || request.getCode() == RequestCode.SEND_REPLY_MESSAGE) {
            return request.decodeHeader(SendMessageRequestHeader.class);
        }
        SendMessageRequestHeaderV2 v2 = request.decodeHeader(SendMessageRequestHeaderV2.class);
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.producerGroup = v2.a;
        h.topic = v2.b;
        h.defaultTopic = v2.c;
        h.defaultTopicQueueNums = v2.d;
        h.queueId = v2.e;
        h.sysFlag = v2.f;
        h.bornTimestamp = v2.g;
        h.flag = v2.h;
        h.properties = v2.i;
        h.reconsumeTimes = v2.j;
        h.unitMode = v2.k != null && v2.k;
        h.maxReconsumeTimes = v2.l;
        h.batch = v2.m != null && v2.m;
        return h;
    }
}
