package io.tidemq.broker.processor;

import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.RemotingCommand;

/** Sends a response that was completed after the processor returned (async store, long polling). */
final class ResponseWriter {
    private ResponseWriter() {
    }

    /** Writes {@code response} as the answer to {@code request}, unless the request was oneway. */
    static void write(RemoteChannel channel, RemotingCommand request, RemotingCommand response) {
        if (prepare(request, response)) {
            channel.writeAndForget(response);
        }
    }

    /** As {@link #write}, for answers completed in groups (see {@link RemoteChannel#writeInGroup}). */
    static void writeInGroup(RemoteChannel channel, RemotingCommand request, RemotingCommand response) {
        if (prepare(request, response)) {
            channel.writeInGroup(response);
        }
    }

    /** Marks {@code response} as the answer to {@code request}; false when nothing is to be sent. */
    private static boolean prepare(RemotingCommand request, RemotingCommand response) {
        if (response == null) {
            return false;
        }
        if (request.isOneway()) {
            response.releaseBody();
            return false;
        }
        response.setOpaque(request.getOpaque());
        response.markResponse();
        return true;
    }
}
