package io.tidemq.common.protocol.body;

import java.util.HashSet;
import java.util.Set;

/** Answer of LOCK_BATCH_MQ: the queues the client now holds. */
public final class LockBatchResponseBody {
    public Set<MessageQueue> lockOKMQSet = new HashSet<>();
}
