package io.tidemq.broker.role;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.store.PutMessageResult;
import io.tidemq.store.PutMessageStatus;
import io.tidemq.store.ha.HAService;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * What a SYNC_MASTER adds to a send: the answer waits until a slave holds the message (FLUSH_SLAVE_TIMEOUT after
 * {@code slaveTimeout}, SLAVE_NOT_AVAILABLE with no usable slave). With {@code syncMasterStrict} a send that cannot
 * reach a slave is refused before it is stored, instead of silently living on the master alone.
 */
public final class ReplicationGate {
    private final BrokerConfig brokerConfig;
    private final BrokerRoleManager roles;
    private final LongConsumer ackLatency;

    /** {@code ackLatency} is told, in ns, how long each waiting send waited for its slave. */
    public ReplicationGate(BrokerConfig brokerConfig, BrokerRoleManager roles, LongConsumer ackLatency) {
        this.brokerConfig = brokerConfig;
        this.roles = roles;
        this.ackLatency = ackLatency;
    }

    /** The HA service when this broker is a SYNC_MASTER now, else null. */
    private HAService syncMasterService() {
        return roles.waitsForReplicas() ? roles.haService() : null;
    }

    /** Strict mode: true when a waiting send must be refused now because no slave could take it. */
    public boolean refuseBeforeStore(boolean waitStoreMsgOk) {
        HAService haService = syncMasterService();
        return haService != null && waitStoreMsgOk && brokerConfig.isSyncMasterStrict() && !haService.slaveUsable();
    }

    /** Chains the slave wait after the local store; other roles, or WAIT=false sends, pass through. */
    public CompletableFuture<PutMessageResult> afterStore(CompletableFuture<PutMessageResult> stored,
                                                          boolean waitStoreMsgOk) {
        HAService haService = roles.haService();
        if (haService != null && haService.connectionCount() > 0) {
            // only a connected slave's transfer thread waits for this; without one, skip the monitor per send
            stored = stored.whenComplete((r, e) -> haService.notifyNewData());
        }
        HAService syncService = syncMasterService();
        if (syncService == null || !waitStoreMsgOk) {
            return stored;
        }
        return stored.thenCompose(r -> {
            if (r == null || !r.isOk() || r.appendResult() == null) {
                return CompletableFuture.completedFuture(r);
            }
            long began = System.nanoTime();
            return syncService.waitForSlave(r.appendResult().endOffset(), brokerConfig.getSlaveTimeout())
                    .thenApply(status -> {
                        ackLatency.accept(System.nanoTime() - began);
                        return status == PutMessageStatus.PUT_OK ? r : r.withStatus(status);
                    });
        });
    }
}
