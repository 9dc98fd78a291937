package io.tidemq.broker.processor;

import io.tidemq.broker.client.RebalanceLockManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.LockBatchRequestBody;
import io.tidemq.common.protocol.body.LockBatchResponseBody;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

/** LOCK_BATCH_MQ and UNLOCK_BATCH_MQ for orderly consumers. */
public final class QueueLockProcessor implements RequestProcessor {
    private final RebalanceLockManager locks;

    public QueueLockProcessor(RebalanceLockManager locks) {
        this.locks = locks;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        if (request.getBody() == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "missing lock body");
        }
        LockBatchRequestBody body = Json.fromBytes(request.getBody(), LockBatchRequestBody.class);
        if (request.getCode() == RequestCode.LOCK_BATCH_MQ) {
            LockBatchResponseBody out = new LockBatchResponseBody();
            out.lockOKMQSet = locks.tryLock(body.consumerGroup, body.mqSet, body.clientId);
            return TopicAdminProcessor.ok(Json.toBytes(out));
        }
        locks.unlock(body.consumerGroup, body.mqSet, body.clientId);
        return TopicAdminProcessor.ok(null);
    }
}
