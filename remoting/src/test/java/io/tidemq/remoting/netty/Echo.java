package io.tidemq.remoting.netty;

import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A processor that answers with the request's extFields and body plus who called, and remembers every request. */
final class Echo implements RequestProcessor {
    final List<RemotingCommand> received = new CopyOnWriteArrayList<>();

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        received.add(request);
        RemotingCommand response = RemotingCommand.createResponse(0, "echo " + request.getCode());
        response.setExtFields(request.getExtFields() == null ? new HashMap<>() : new HashMap<>(request.getExtFields()));
        response.addExtField("caller", channel.remoteAddress());
        response.setBody(request.getBody());
        return response;
    }
}
