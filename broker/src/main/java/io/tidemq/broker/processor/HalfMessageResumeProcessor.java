package io.tidemq.broker.processor;

import io.tidemq.broker.transaction.TransactionalMessageCheckService;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageId;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.ResumeCheckHalfMessageRequestHeader;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageStore;
import io.tidemq.store.PutMessageResult;

/**
 * RESUME_CHECK_HALF_MESSAGE (323): puts a half message that was given up (found by its offset message id, usually
 * in TRANS_CHECK_MAX_TIME_TOPIC) back into the half queue with its check count at zero, so its producer is asked
 * about it again.
 */
public final class HalfMessageResumeProcessor implements RequestProcessor {
    private final MessageStore store;

    public HalfMessageResumeProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        ResumeCheckHalfMessageRequestHeader h = request.decodeHeader(ResumeCheckHalfMessageRequestHeader.class);
        MessageExt msg;
        try {
            msg = store.lookMessageByOffset(MessageId.decodeOffsetId(h.msgId).offset());
        } catch (IllegalArgumentException e) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        if (msg == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "no message with id " + h.msgId);
        }
        PutMessageResult r = store.putMessage(TransactionalMessageCheckService.resumed(msg));
        if (r == null || !r.isOk()) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                    "Put message back to RMQ_SYS_TRANS_HALF_TOPIC failed." + (r == null ? "" : " " + r.status()));
        }
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
    }
}
