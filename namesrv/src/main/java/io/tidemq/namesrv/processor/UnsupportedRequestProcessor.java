package io.tidemq.namesrv.processor;

import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

/**
 * Answers every code the NameServer does not serve with REQUEST_CODE_NOT_SUPPORTED. The official NameServer stays
 * silent instead, which makes callers wait for their timeout and then drop the connection; an immediate answer
 * lets them fail fast.
 */
public final class UnsupportedRequestProcessor implements RequestProcessor {
    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                " request type " + request.getCode() + " not supported");
    }
}
