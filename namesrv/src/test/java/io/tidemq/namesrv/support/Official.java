package io.tidemq.namesrv.support;

import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.CommandCustomHeader;
import org.apache.rocketmq.remoting.exception.RemotingCommandException;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;

import java.util.HashMap;

/**
 * Bridges our commands to the official 4.9.3 classes: requests are built from the OFFICIAL header classes (so the
 * field names are theirs), response headers and bodies are read back with the official classes and fastjson, as an
 * official client would.
 */
public final class Official {
    private Official() {
    }

    /** A request whose extFields are exactly what the official client puts on the wire for {@code header}. */
    public static RemotingCommand request(int code, CommandCustomHeader header, byte[] body) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand theirs =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(code, header);
        theirs.makeCustomHeaderToNet();
        RemotingCommand ours = RemotingCommand.createRequest(code);
        if (theirs.getExtFields() != null) {
            ours.setExtFields(new HashMap<>(theirs.getExtFields()));
        }
        ours.setBody(body);
        return ours;
    }

    public static RemotingCommand request(int code, CommandCustomHeader header) {
        return request(code, header, null);
    }

    /** Decodes a response header with the official class, failing like the official client would. */
    @SuppressWarnings("unchecked")
    public static <T extends CommandCustomHeader> T responseHeader(RemotingCommand response, Class<T> type)
            throws RemotingCommandException {
        org.apache.rocketmq.remoting.protocol.RemotingCommand theirs =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(response.getCode(),
                        response.getRemark());
        theirs.setExtFields(response.getExtFields() == null ? null : new HashMap<>(response.getExtFields()));
        return (T) theirs.decodeCommandCustomHeader(type);
    }

    /** Parses a body with fastjson into an official class. */
    public static <T> T body(RemotingCommand response, Class<T> type) {
        return RemotingSerializable.decode(response.getBody(), type);
    }
}
