package io.tidemq.common.protocol.body;

import io.tidemq.common.protocol.heartbeat.SubscriptionData;

/** Body of CHECK_CLIENT_CONFIG. */
public final class CheckClientRequestBody {
    public String clientId;
    public String group;
    public SubscriptionData subscriptionData;
}
