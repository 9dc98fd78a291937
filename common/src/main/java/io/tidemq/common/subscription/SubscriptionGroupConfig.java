package io.tidemq.common.subscription;

/** A consumer group's broker-side settings (subscriptionGroup.json, UPDATE_AND_CREATE_SUBSCRIPTIONGROUP). */
public final class SubscriptionGroupConfig {
    public String groupName;
    public boolean consumeEnable = true;
    public boolean consumeFromMinEnable = true;
    public boolean consumeBroadcastEnable = true;
    public int retryQueueNums = 1;
    public int retryMaxTimes = 16;
    public long brokerId = 0;
    public long whichBrokerWhenConsumeSlowly = 1;
    public boolean notifyConsumerIdsChangedEnable = true;

    public SubscriptionGroupConfig() {
    }

    public SubscriptionGroupConfig(String groupName) {
        this.groupName = groupName;
    }
}
