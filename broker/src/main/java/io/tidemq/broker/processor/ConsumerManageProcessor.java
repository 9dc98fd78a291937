package io.tidemq.broker.processor;

import io.tidemq.broker.client.ConsumerGroupInfo;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.role.BrokerRoleManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.GetConsumerListByGroupResponseBody;
import io.tidemq.common.protocol.header.GetConsumerListByGroupRequestHeader;
import io.tidemq.common.protocol.header.QueryConsumerOffsetRequestHeader;
import io.tidemq.common.protocol.header.QueryConsumerOffsetResponseHeader;
import io.tidemq.common.protocol.header.UpdateConsumerOffsetRequestHeader;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageStore;

import java.util.HashMap;

/** GET_CONSUMER_LIST_BY_GROUP, QUERY_CONSUMER_OFFSET and UPDATE_CONSUMER_OFFSET. */
public final class ConsumerManageProcessor implements RequestProcessor {
    private final ConsumerManager consumers;
    private final ConsumerOffsetManager offsets;
    private final MessageStore store;
    private final BrokerRoleManager roles;

    public ConsumerManageProcessor(ConsumerManager consumers, ConsumerOffsetManager offsets, MessageStore store,
                                   BrokerRoleManager roles) {
        this.consumers = consumers;
        this.offsets = offsets;
        this.store = store;
        this.roles = roles;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> consumerList(request);
            case RequestCode.QUERY_CONSUMER_OFFSET -> queryOffset(request);
            case RequestCode.UPDATE_CONSUMER_OFFSET -> updateOffset(request);
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    private RemotingCommand consumerList(RemotingCommand request) throws Exception {
        GetConsumerListByGroupRequestHeader h = request.decodeHeader(GetConsumerListByGroupRequestHeader.class);
        ConsumerGroupInfo info = consumers.group(h.consumerGroup);
        if (info == null || info.channels().isEmpty()) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "no consumer for this group, "
                    + h.consumerGroup);
        }
        GetConsumerListByGroupResponseBody body = new GetConsumerListByGroupResponseBody();
        body.consumerIdList.addAll(info.clientIds());
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null).setExtFields(new HashMap<>())
                .setBody(Json.toBytes(body));
    }

    private RemotingCommand queryOffset(RemotingCommand request) throws Exception {
        QueryConsumerOffsetRequestHeader h = request.decodeHeader(QueryConsumerOffsetRequestHeader.class);
        long offset = offsets.query(h.consumerGroup, h.topic, h.queueId);
        if (offset < 0) {
            // A group new to a queue whose beginning still exists starts at 0, as 4.9 brokers answer.
            long min = store.getMinOffsetInQueue(h.topic, h.queueId);
            if (min <= 0) {
                offset = 0;
            }
        }
        if (offset < 0) {
            return RemotingCommand.createResponse(ResponseCode.QUERY_NOT_FOUND,
                    "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first");
        }
        QueryConsumerOffsetResponseHeader rh = new QueryConsumerOffsetResponseHeader();
        rh.offset = offset;
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null).writeHeader(rh);
    }

    private RemotingCommand updateOffset(RemotingCommand request) throws Exception {
        UpdateConsumerOffsetRequestHeader h = request.decodeHeader(UpdateConsumerOffsetRequestHeader.class);
        if (roles.acceptsWrites()) {
            offsets.commit(h.consumerGroup, h.topic, h.queueId, h.commitOffset);
        } else {
            // consumers commit to a slave only while its master is out of their route
            offsets.commitOnSlave(h.consumerGroup, h.topic, h.queueId, h.commitOffset);
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null).setExtFields(new HashMap<>());
    }
}
