package io.tidemq.broker.processor;

import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.RemotingCommand;

/** Sends a response that was completed after the processor returned (async store, long polling). */
final class ResponseWriter {
    private ResponseWriter() {
    }

    /** Writes {@code response} as the answer to {@code request}, unless the request was oneway. */
    static void write(RemoteChannel channel, RemotingCommand request, RemotingCommand response) {
        if (response == null) {
            return;
        }
        if (request.isOneway()) {
            response.releaseBody();
            return;
        }
        response.setOpaque(request.getOpaque());
        response.markResponse();
        channel.writeAndForget(response);
    }
}
