package io.tidemq.broker.slave;

import io.tidemq.broker.BrokerConfig;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.MessageStoreConfig;
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
    private final MessageStoreConfig storeConfig;
    private final HAService haService;
    private final LongConsumer ackLatency;

    /** {@code ackLatency} is told, in ns, how long each waiting send waited for its slave. */
    public ReplicationGate(BrokerConfig brokerConfig, MessageStoreConfig storeConfig, HAService haService,
                           LongConsumer ackLatency) {
        this.brokerConfig = brokerConfig;
        this.storeConfig = storeConfig;
        this.haService = haService;
        this.ackLatency = ackLatency;
    }

    private boolean syncMaster() {
        return storeConfig.getBrokerRole() == BrokerRole.SYNC_MASTER && haService != null;
    }

    /** Strict mode: true when a waiting send must be refused now because no slave could take it. */
    public boolean refuseBeforeStore(boolean waitStoreMsgOk) {
        return syncMaster() && waitStoreMsgOk && brokerConfig.isSyncMasterStrict() && !haService.slaveUsable();
    }

    /** Chains the slave wait after the local store; other roles, or WAIT=false sends, pass through. */
    public CompletableFuture<PutMessageResult> afterStore(CompletableFuture<PutMessageResult> stored,
                                                          boolean waitStoreMsgOk) {
        if (haService != null && haService.connectionCount() > 0) {
            // only a connected slave's transfer thread waits for this; without one, skip the monitor per send
            stored = stored.whenComplete((r, e) -> haService.notifyNewData());
        }
        if (!syncMaster() || !waitStoreMsgOk) {
            return stored;
        }
        return stored.thenCompose(r -> {
            if (r == null || !r.isOk() || r.appendResult() == null) {
                return CompletableFuture.completedFuture(r);
            }
            long began = System.nanoTime();
            return haService.waitForSlave(r.appendResult().endOffset(), brokerConfig.getSlaveTimeout())
                    .thenApply(status -> {
                        ackLatency.accept(System.nanoTime() - began);
                        return status == PutMessageStatus.PUT_OK ? r : r.withStatus(status);
                    });
        });
    }
}
