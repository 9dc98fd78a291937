package io.tidemq.broker.processor;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.QueryMessageRequestHeader;
import io.tidemq.common.protocol.header.QueryMessageResponseHeader;
import io.tidemq.common.protocol.header.ViewMessageRequestHeader;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageStore;
import io.tidemq.store.MessageStoreConfig;
import io.tidemq.store.QueryMessageResult;
import io.tidemq.store.SelectMappedBufferResult;

import java.nio.ByteBuffer;
import java.util.List;

/** QUERY_MESSAGE (by key or unique key, through the index) and VIEW_MESSAGE_BY_ID (by physical offset). */
public final class QueryMessageProcessor implements RequestProcessor {
    private static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";

    private final MessageStore store;
    private final MessageStoreConfig storeConfig;

    public QueryMessageProcessor(MessageStore store, MessageStoreConfig storeConfig) {
        this.store = store;
        this.storeConfig = storeConfig;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.QUERY_MESSAGE -> query(request);
            case RequestCode.VIEW_MESSAGE_BY_ID -> view(request);
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    private RemotingCommand query(RemotingCommand request) throws Exception {
        QueryMessageRequestHeader h = request.decodeHeader(QueryMessageRequestHeader.class);
        int maxNum = h.maxNum;
        if (Boolean.parseBoolean(request.getExtField(UNIQUE_KEY_QUERY))) {
            maxNum = storeConfig.index().getDefaultQueryMaxNum();
        }
        QueryMessageResult result = store.queryMessage(h.topic, h.key, maxNum, h.beginTimestamp,
                h.endTimestamp);
        QueryMessageResponseHeader rh = new QueryMessageResponseHeader();
        rh.indexLastUpdateTimestamp = result.indexLastUpdateTimestamp();
        rh.indexLastUpdatePhyoffset = result.indexLastUpdatePhyoffset();
        if (result.messages().isEmpty()) {
            result.release();
            return RemotingCommand.createResponse(ResponseCode.QUERY_NOT_FOUND,
                    "can not find message, maybe time range not correct").writeHeader(rh);
        }
        List<SelectMappedBufferResult> found = result.messages();
        ByteBuffer[] buffers = new ByteBuffer[found.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = found.get(i).buffer();
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null).writeHeader(rh)
                .setBodyBuffers(buffers, result::release);
    }

    private RemotingCommand view(RemotingCommand request) throws Exception {
        ViewMessageRequestHeader h = request.decodeHeader(ViewMessageRequestHeader.class);
        SelectMappedBufferResult record = store.selectOneMessageByOffset(h.offset);
        if (record == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "can not find message by the offset, "
                    + h.offset);
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null)
                .setBodyBuffers(new ByteBuffer[] {record.buffer()}, record::release);
    }
}
