package io.tidemq.broker.metrics;

import io.tidemq.broker.acl.PlainAclManager;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.protocol.RemotingCommand;

/** Request hooks that count refusals where they happen: in the remoting dispatcher (busy) and in the ACL check. */
public final class RefusalHooks {
    private RefusalHooks() {
    }

    /** Counts each request the dispatcher refuses as busy (a processor's rejectRequest, a full pool). */
    public static RpcHook busy(BrokerMetrics metrics) {
        return new RpcHook() {
            @Override
            public void beforeRequest(String remoteAddr, RemotingCommand request) {
            }

            @Override
            public void rejectedAsBusy(String remoteAddr, RemotingCommand request) {
                metrics.refused("busy");
            }
        };
    }

    /** The ACL check, counting each request it refuses. */
    public static RpcHook aclCheck(PlainAclManager acl, BrokerMetrics metrics) {
        return (addr, request) -> {
            try {
                acl.check(addr, request);
            } catch (RuntimeException e) {
                metrics.refused("acl");
                throw e;
            }
        };
    }
}
