package io.tidemq.common.protocol.body;

import java.util.HashSet;
import java.util.Set;

/** Body of LOCK_BATCH_MQ and UNLOCK_BATCH_MQ. */
public final class LockBatchRequestBody {
    public String consumerGroup;
    public String clientId;
    public Set<MessageQueue> mqSet = new HashSet<>();
}
