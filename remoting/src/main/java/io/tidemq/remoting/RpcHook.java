package io.tidemq.remoting;

import io.tidemq.remoting.protocol.RemotingCommand;

/** Runs around every request a server handles (the place for ACL signature checks and metrics). */
public interface RpcHook {
    /**
     * Called before the processor; throwing rejects the request with SYSTEM_ERROR and the exception's
     * {@code toString()} as remark.
     */
    void beforeRequest(String remoteAddr, RemotingCommand request);

    /** Called after the processor with the response (null for oneway or deferred responses). */
    default void afterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
    }
}
