package io.tidemq.broker.processor;

import io.tidemq.common.MonotonicClock;
import io.tidemq.broker.client.FilterServerTable;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.RegisterFilterServerRequestHeader;
import io.tidemq.common.protocol.header.RegisterFilterServerResponseHeader;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.function.LongSupplier;

/** REGISTER_FILTER_SERVER (301): a filter server announces itself; the broker answers with its name and id. */
public final class FilterServerProcessor implements RequestProcessor {
    private final FilterServerTable table;
    private final String brokerName;
    private final LongSupplier brokerId;

    public FilterServerProcessor(FilterServerTable table, String brokerName, LongSupplier brokerId) {
        this.table = table;
        this.brokerName = brokerName;
        this.brokerId = brokerId;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        RegisterFilterServerRequestHeader h = request.decodeHeader(RegisterFilterServerRequestHeader.class);
        table.register(channel, h.filterServerAddr, MonotonicClock.millis());
        RegisterFilterServerResponseHeader rh = new RegisterFilterServerResponseHeader();
        rh.brokerName = brokerName;
        rh.brokerId = brokerId.getAsLong();
        return RemotingCommand.createResponse(ResponseCode.SUCCESS, null).writeHeader(rh);
    }
}
