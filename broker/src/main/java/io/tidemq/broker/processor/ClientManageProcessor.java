package io.tidemq.broker.processor;

import io.tidemq.broker.BrokerController;
import io.tidemq.broker.client.ClientChannelInfo;
import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.CheckClientRequestBody;
import io.tidemq.common.protocol.header.UnregisterClientRequestHeader;
import io.tidemq.common.protocol.heartbeat.ConsumerData;
import io.tidemq.common.protocol.heartbeat.HeartbeatData;
import io.tidemq.common.protocol.heartbeat.ProducerData;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import io.tidemq.common.topic.PermName;
import io.tidemq.filter.SelectorSyntaxException;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.HashMap;

/** HEART_BEAT, UNREGISTER_CLIENT and CHECK_CLIENT_CONFIG: who is connected, in which groups, subscribing to what. */
public final class ClientManageProcessor implements RequestProcessor {
    private final BrokerController broker;

    public ClientManageProcessor(BrokerController broker) {
        this.broker = broker;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.HEART_BEAT -> heartbeat(channel, request);
            case RequestCode.UNREGISTER_CLIENT -> unregister(channel, request);
            case RequestCode.CHECK_CLIENT_CONFIG -> checkClientConfig(request);
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    private RemotingCommand heartbeat(RemoteChannel channel, RemotingCommand request) {
        if (request.getBody() == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "heartbeat without body");
        }
        HeartbeatData data = Json.fromBytes(request.getBody(), HeartbeatData.class);
        ClientChannelInfo member = new ClientChannelInfo(channel, data.clientID, request.getLanguage(),
                request.getVersion());
        for (ConsumerData cd : data.consumerDataSet) {
            SubscriptionGroupConfig group = broker.subscriptionGroupManager().findOrCreate(cd.groupName);
            boolean notify = true;
            if (group != null) {
                notify = group.notifyConsumerIdsChangedEnable;
                int sysFlag = cd.unitMode ? 2 : 0;
                broker.topicConfigManager().createIfAbsent(TopicValidator.retryTopic(cd.groupName),
                        Math.max(1, group.retryQueueNums), PermName.PERM_READ | PermName.PERM_WRITE, sysFlag);
            }
            broker.consumerManager().register(cd.groupName, member, cd.consumeType, cd.messageModel,
                    cd.consumeFromWhere, cd.subscriptionDataSet,
                    notify && broker.brokerConfig().isNotifyConsumerIdsChangedEnable());
        }
        for (ProducerData pd : data.producerDataSet) {
            broker.producerManager().register(pd.groupName, member);
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
    }

    private RemotingCommand unregister(RemoteChannel channel, RemotingCommand request) throws Exception {
        UnregisterClientRequestHeader h = request.decodeHeader(UnregisterClientRequestHeader.class);
        if (h.producerGroup != null) {
            broker.producerManager().unregister(h.producerGroup, channel.remoteAddress());
        }
        if (h.consumerGroup != null) {
            SubscriptionGroupConfig group = broker.subscriptionGroupManager().find(h.consumerGroup);
            boolean notify = group == null || group.notifyConsumerIdsChangedEnable;
            broker.consumerManager().unregister(h.consumerGroup, channel.remoteAddress(), notify);
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null).setExtFields(new HashMap<>());
    }

    private RemotingCommand checkClientConfig(RemotingCommand request) {
        CheckClientRequestBody body = request.getBody() == null ? null
                : Json.fromBytes(request.getBody(), CheckClientRequestBody.class);
        SubscriptionData sd = body == null ? null : body.subscriptionData;
        if (sd == null || sd.isTagType()) {
            return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
        }
        if (!broker.brokerConfig().isEnablePropertyFilter()) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                    "The broker does not support consumer to filter message by " + sd.expressionType);
        }
        try {
            broker.subscriptionFilters().filterFor(sd);
        } catch (SelectorSyntaxException e) {
            return RemotingCommand.createResponse(ResponseCode.SUBSCRIPTION_PARSE_FAILED, e.getMessage());
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
    }
}
