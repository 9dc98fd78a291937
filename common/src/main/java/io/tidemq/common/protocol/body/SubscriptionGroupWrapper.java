package io.tidemq.common.protocol.body;

import io.tidemq.common.DataVersion;
import io.tidemq.common.subscription.SubscriptionGroupConfig;

import java.util.concurrent.ConcurrentHashMap;

/** A broker's subscription groups with their version: subscriptionGroup.json and GET_ALL_SUBSCRIPTIONGROUP_CONFIG. */
public final class SubscriptionGroupWrapper {
    public ConcurrentHashMap<String, SubscriptionGroupConfig> subscriptionGroupTable = new ConcurrentHashMap<>();
    public DataVersion dataVersion = new DataVersion();
}
