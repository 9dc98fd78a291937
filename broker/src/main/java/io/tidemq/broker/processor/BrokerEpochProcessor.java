package io.tidemq.broker.processor;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.EpochEntryCache;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.function.Supplier;

/** GET_BROKER_EPOCH_CACHE (RocketMQ 5's mqadmin getBrokerEpoch): the master epochs this broker's log holds. */
public final class BrokerEpochProcessor implements RequestProcessor {
    private final Supplier<EpochEntryCache> epochs;

    /** {@code epochs} is null when controller mode is off. */
    public BrokerEpochProcessor(Supplier<EpochEntryCache> epochs) {
        this.epochs = epochs;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        if (epochs == null) {
            // RocketMQ 5's broker says the same outside controller mode
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "this request only for controllerMode ");
        }
        return TopicAdminProcessor.ok(Json.toBytes(epochs.get()));
    }

    @Override
    public boolean runsInlineWhenIdle() {
        return true;
    }
}
