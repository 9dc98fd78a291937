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

    /**
     * Called instead of the processor when the request is answered SYSTEM_BUSY before it runs: the processor's
     * {@code rejectRequest()} said so, or its executor's queue was full.
     */
    default void rejectedAsBusy(String remoteAddr, RemotingCommand request) {
    }
}
