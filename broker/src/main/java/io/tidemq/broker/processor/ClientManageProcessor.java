package io.tidemq.broker.processor;

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
    private final BrokerMetadata meta;
    private final ConnectedClients clients;

    public ClientManageProcessor(BrokerMetadata meta, ConnectedClients clients) {
        this.meta = meta;
        this.clients = clients;
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
            SubscriptionGroupConfig group = meta.groups().findOrCreate(cd.groupName);
            boolean notify = true;
            if (group != null) {
                notify = group.notifyConsumerIdsChangedEnable;
                int sysFlag = cd.unitMode ? 2 : 0;
                meta.topics().createIfAbsent(TopicValidator.retryTopic(cd.groupName),
                        Math.max(1, group.retryQueueNums), PermName.PERM_READ | PermName.PERM_WRITE, sysFlag);
            }
            clients.consumers().register(cd.groupName, member, cd.consumeType, cd.messageModel,
                    cd.consumeFromWhere, cd.subscriptionDataSet,
                    notify && meta.config().isNotifyConsumerIdsChangedEnable());
        }
        for (ProducerData pd : data.producerDataSet) {
            clients.producers().register(pd.groupName, member);
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
    }

    private RemotingCommand unregister(RemoteChannel channel, RemotingCommand request) throws Exception {
        UnregisterClientRequestHeader h = request.decodeHeader(UnregisterClientRequestHeader.class);
        if (h.producerGroup != null) {
            clients.producers().unregister(h.producerGroup, channel.remoteAddress());
        }
        if (h.consumerGroup != null) {
            SubscriptionGroupConfig group = meta.groups().find(h.consumerGroup);
            boolean notify = group == null || group.notifyConsumerIdsChangedEnable;
            clients.consumers().unregister(h.consumerGroup, channel.remoteAddress(), notify);
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
        if (!meta.config().isEnablePropertyFilter()) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                    "The broker does not support consumer to filter message by " + sd.expressionType);
        }
        try {
            clients.filters().filterFor(sd);
        } catch (SelectorSyntaxException e) {
            return RemotingCommand.createResponse(ResponseCode.SUBSCRIPTION_PARSE_FAILED, e.getMessage());
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
    }
}
