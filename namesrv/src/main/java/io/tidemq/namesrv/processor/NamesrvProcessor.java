package io.tidemq.namesrv.processor;

import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the NameServer's processors: each handles one family of request codes. A request that cannot be handled
 * (missing header field, malformed body, failing disk) is answered with SYSTEM_ERROR and a remark saying why; a
 * processor never throws to the transport.
 */
public abstract class NamesrvProcessor implements RequestProcessor {
    private static final Logger log = LoggerFactory.getLogger(NamesrvProcessor.class);

    /** The request codes this processor handles. */
    public abstract int[] codes();

    /** Handles a request whose code is one of {@link #codes()}. */
    protected abstract RemotingCommand handle(RemoteChannel channel, RemotingCommand request) throws Exception;

    @Override
    public final RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        try {
            return handle(channel, request);
        } catch (RemotingCommandException | IllegalArgumentException e) {
            log.warn("bad request {} from {}: {}", request.getCode(), remote(channel), e.getMessage());
            return error(request, e.getMessage());
        } catch (Exception e) {
            log.error("request {} from {} failed", request.getCode(), remote(channel), e);
            return error(request, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A response to {@code request} with the given code and remark. */
    protected static RemotingCommand response(RemotingCommand request, int code, String remark) {
        return RemotingCommand.responseTo(request, code, remark);
    }

    protected static RemotingCommand success(RemotingCommand request) {
        return response(request, ResponseCode.SUCCESS, null);
    }

    protected static RemotingCommand error(RemotingCommand request, String remark) {
        return response(request, ResponseCode.SYSTEM_ERROR, remark);
    }

    /** Fails the request the way the official header check words it when a mandatory field is absent. */
    protected static <T> T required(T value, String field) throws RemotingCommandException {
        if (value == null) {
            throw new RemotingCommandException("the custom field <" + field + "> is null");
        }
        return value;
    }

    private static String remote(RemoteChannel channel) {
        return channel == null ? "-" : channel.remoteAddress();
    }
}
