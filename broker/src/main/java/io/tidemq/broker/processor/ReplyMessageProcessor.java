package io.tidemq.broker.processor;

import io.tidemq.broker.client.ClientChannelInfo;
import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageProperties;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.ReplyMessageRequestHeader;
import io.tidemq.common.protocol.header.SendMessageRequestHeader;
import io.tidemq.common.protocol.header.SendMessageResponseHeader;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.netty.NettyRemotingServer;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageStore;
import io.tidemq.store.PutMessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SEND_REPLY_MESSAGE / _V2 (324, 325), request-reply: a responder's reply is pushed at once to the requesting
 * producer named by its REPLY_TO_CLIENT property (PUSH_REPLY_MESSAGE_TO_CLIENT, 326) and, with
 * {@code storeReplyMessageEnable}, also stored in its reply topic. As in Apache 4.9 the answer follows the store
 * when the reply is stored, else the push. Runs on the send pool, never inline: the push waits for the requester.
 */
public final class ReplyMessageProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyMessageProcessor.class);
    private static final long PUSH_TIMEOUT_MILLIS = 3000;

    private final SendSupport support;
    private final BrokerConfig config;
    private final MessageStore store;
    private final ConnectedClients clients;
    private final String brokerAddr;

    public ReplyMessageProcessor(SendSupport support, BrokerConfig config, MessageStore store, ConnectedClients clients,
                                 String brokerAddr) {
        this.support = support;
        this.config = config;
        this.store = store;
        this.clients = clients;
        this.brokerAddr = brokerAddr;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        SendMessageRequestHeader h = SendMessageProcessor.decodeHeader(request);
        RemotingCommand response = support.newSendResponse();
        String refusal = support.checkWritable(h.topic);
        if (refusal != null) {
            return response.setCode(ResponseCode.NO_PERMISSION).setRemark(refusal);
        }
        String notYet = support.notAcceptingSendsYet();
        if (notYet != null) {
            return response.setCode(ResponseCode.SYSTEM_ERROR).setRemark(notYet);
        }
        TopicConfig topicConfig = support.findOrCreateTopic(h, channel, response);
        if (topicConfig == null) {
            return response;
        }
        int queueId = h.queueId == null || h.queueId < 0
                ? ThreadLocalRandom.current().nextInt(Math.max(1, topicConfig.writeQueueNums)) : h.queueId;
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(h.topic);
        msg.setQueueId(queueId);
        msg.setProperties(MessageProperties.decode(h.properties));
        support.fillFromRequest(msg, h, channel, request.getBody(), topicConfig);
        Map<String, String> props = msg.getProperties();
        byte[] body = msg.getBody();

        String pushFailure = push(channel, h, queueId, props, body);
        if (!config.isStoreReplyMessageEnable()) {
            if (pushFailure != null) {
                return response.setCode(ResponseCode.SYSTEM_ERROR).setRemark(pushFailure);
            }
            SendMessageResponseHeader rh = new SendMessageResponseHeader();
            rh.msgId = "0";
            rh.queueId = queueId;
            rh.queueOffset = 0L;
            response.writeHeader(rh);
            return response.setCode(ResponseCode.SUCCESS).setRemark(null);
        }
        if (pushFailure != null) {
            LOG.info("{}; the reply is stored in {} anyway", pushFailure, h.topic);
        }
        msg.encodePropertiesString();
        PutMessageResult stored = store.putMessage(msg);
        return support.answerWhenStored(channel, request, response, CompletableFuture.completedFuture(stored),
                queueId, h.topic, false);
    }

    /** Pushes the reply to its requester; null when it took it, else why not. */
    private String push(RemoteChannel from, SendMessageRequestHeader h, int queueId, Map<String, String> props,
                        byte[] body) {
        String clientId = props.get(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT);
        ClientChannelInfo requester = clientId == null ? null : clients.producers().findByClientId(clientId);
        NettyRemotingServer server = clients.toClients().server();
        if (requester == null || server == null) {
            return "push reply message to " + clientId + " failed: the requester is not connected to this broker";
        }
        ReplyMessageRequestHeader rh = new ReplyMessageRequestHeader();
        rh.producerGroup = h.producerGroup;
        rh.topic = h.topic;
        rh.defaultTopic = h.defaultTopic;
        rh.defaultTopicQueueNums = h.defaultTopicQueueNums;
        rh.queueId = queueId;
        rh.sysFlag = h.sysFlag;
        rh.bornTimestamp = h.bornTimestamp;
        rh.flag = h.flag;
        rh.reconsumeTimes = h.reconsumeTimes == null ? 0 : h.reconsumeTimes;
        rh.unitMode = h.unitMode;
        rh.bornHost = from.remoteAddress();
        rh.storeHost = brokerAddr;
        rh.storeTimestamp = System.currentTimeMillis();
        props.put(MessageConst.PROPERTY_PUSH_REPLY_TIME, Long.toString(rh.storeTimestamp));
        rh.properties = MessageProperties.encode(props);
        RemotingCommand request = RemotingCommand.createRequest(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, rh);
        request.setBody(body);
        try {
            RemotingCommand answer = server.invokeSync(requester.channel(), request, PUSH_TIMEOUT_MILLIS);
            if (answer == null || answer.getCode() != ResponseCode.SUCCESS) {
                return "push reply message to " + clientId + " failed: "
                        + (answer == null ? "no answer" : answer.getCode() + " " + answer.getRemark());
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "push reply message to " + clientId + " interrupted";
        } catch (Exception e) {
            return "push reply message to " + clientId + " failed: " + e;
        }
    }
}
