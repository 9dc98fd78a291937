package io.tidemq.broker.processor;

import io.tidemq.broker.role.BrokerRoleManager;
import io.tidemq.broker.transaction.TransactionalMessageService;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.EndTransactionRequestHeader;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.PutMessageResult;

/** END_TRANSACTION: commit or roll back a half message. */
public final class EndTransactionProcessor implements RequestProcessor {
    private final BrokerRoleManager roles;
    private final TransactionalMessageService transactions;

    public EndTransactionProcessor(BrokerRoleManager roles, TransactionalMessageService transactions) {
        this.roles = roles;
        this.transactions = transactions;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        EndTransactionRequestHeader h = request.decodeHeader(EndTransactionRequestHeader.class);
        if (!roles.acceptsWrites()) {
            return RemotingCommand.createResponse(ResponseCode.SLAVE_NOT_AVAILABLE,
                    "a slave cannot end transactions");
        }
        int type = h.commitOrRollback;
        if (type != MessageSysFlag.TRANSACTION_COMMIT_TYPE && type != MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) {
            return null; // unknown state: the check service will ask the producer again
        }
        TransactionalMessageService tx = transactions;
        MessageExt half = tx.lookHalf(h.commitLogOffset);
        if (half == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "Find prepared transaction message failed");
        }
        String group = half.getProperty(MessageConst.PROPERTY_PRODUCER_GROUP);
        if (group != null && !group.equals(h.producerGroup) || half.getQueueOffset() != h.tranStateTableOffset) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                    "the producer group or offsets of the half message do not match the request");
        }
        if (!tx.claimEnd(half)) {
            // another check of this half was answered first: this copy is settled with it, nothing stored twice
            tx.markDone(half);
            return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
        }
        if (type == MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
            PutMessageResult r = tx.commit(half);
            if (!r.isOk()) {
                tx.releaseEnd(half);
                return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, r.status().name());
            }
        }
        tx.markDone(half);
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null);
    }
}
