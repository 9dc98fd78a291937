package io.tidemq.broker.processor;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import io.tidemq.common.protocol.header.OffsetResponseHeader;
import io.tidemq.common.protocol.header.SearchOffsetRequestHeader;
import io.tidemq.common.protocol.header.TopicQueueRequestHeader;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageStore;

/** GET_MAX_OFFSET, GET_MIN_OFFSET, GET_EARLIEST_MSG_STORETIME and SEARCH_OFFSET_BY_TIMESTAMP on one queue. */
public final class OffsetQueryProcessor implements RequestProcessor {
    private final MessageStore store;

    public OffsetQueryProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        RemotingCommand response = RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
        switch (request.getCode()) {
            case RequestCode.GET_MAX_OFFSET -> {
                TopicQueueRequestHeader h = request.decodeHeader(TopicQueueRequestHeader.class);
                response.writeHeader(offset(store.getMaxOffsetInQueue(h.topic, h.queueId)));
            }
            case RequestCode.GET_MIN_OFFSET -> {
                TopicQueueRequestHeader h = request.decodeHeader(TopicQueueRequestHeader.class);
                response.writeHeader(offset(store.getMinOffsetInQueue(h.topic, h.queueId)));
            }
            case RequestCode.GET_EARLIEST_MSG_STORETIME -> {
                TopicQueueRequestHeader h = request.decodeHeader(TopicQueueRequestHeader.class);
                GetEarliestMsgStoretimeResponseHeader rh = new GetEarliestMsgStoretimeResponseHeader();
                rh.timestamp = store.getEarliestMessageTime(h.topic, h.queueId);
                response.writeHeader(rh);
            }
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> {
                SearchOffsetRequestHeader h = request.decodeHeader(SearchOffsetRequestHeader.class);
                response.writeHeader(offset(store.getOffsetInQueueByTime(h.topic, h.queueId,
                        h.timestamp)));
            }
            default -> response.setCode(ResponseCode.REQUEST_CODE_NOT_SUPPORTED)
                    .setRemark(" request type " + request.getCode() + " not supported");
        }
        return response;
    }

    private static OffsetResponseHeader offset(long value) {
        OffsetResponseHeader h = new OffsetResponseHeader();
        h.offset = value;
        return h;
    }
}
