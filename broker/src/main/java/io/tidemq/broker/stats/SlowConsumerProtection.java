package io.tidemq.broker.stats;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apache's disableConsumeIfConsumerReadSlowly: each pull records how far behind the CommitLog's end it read (the
 * newest value per group, topic and queue, as Apache's "fall size" statistics keep it), and every few minutes a
 * group with a queue further behind than consumerFallbehindThreshold gets consumeEnable=false, so that one consumer
 * reading cold data cannot keep the disk busy for everybody. An operator turns the group back on with
 * {@code mqadmin updateSubGroup}. Thread-safe.
 */
public final class SlowConsumerProtection {
    private static final Logger LOG = LoggerFactory.getLogger(SlowConsumerProtection.class);

    private final BrokerConfig config;
    private final SubscriptionGroupManager groups;
    /** group -> "topic@queueId" -> bytes behind the CommitLog's end at the last pull. */
    private final Map<String, Map<String, Long>> fallBehind = new ConcurrentHashMap<>();

    public SlowConsumerProtection(BrokerConfig config, SubscriptionGroupManager groups) {
        this.config = config;
        this.groups = groups;
    }

    /** Records one pull that found messages: the CommitLog's end and where the last message it returned starts. */
    public void recordPull(String group, String topic, int queueId, long commitLogEnd, long lastMessageOffset) {
        if (!config.isDisableConsumeIfConsumerReadSlowly()) {
            return;
        }
        fallBehind.computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                .put(topic + "@" + queueId, Math.max(0, commitLogEnd - lastMessageOffset));
    }

    /** Disables the groups past the threshold; returns their names. Runs on the broker's scheduler. */
    public List<String> protect() {
        List<String> disabled = new ArrayList<>();
        if (!config.isDisableConsumeIfConsumerReadSlowly()) {
            fallBehind.clear();
            return disabled;
        }
        long threshold = config.getConsumerFallbehindThreshold();
        for (Map.Entry<String, Map<String, Long>> e : fallBehind.entrySet()) {
            for (Map.Entry<String, Long> q : e.getValue().entrySet()) {
                if (q.getValue() > threshold) {
                    if (groups.disableConsume(e.getKey())) {
                        LOG.warn("[PROTECT_BROKER] consumer group {} reads {} {} bytes behind the CommitLog's end "
                                + "(consumerFallbehindThreshold {}): consumption disabled", e.getKey(), q.getKey(),
                                q.getValue(), threshold);
                        disabled.add(e.getKey());
                    }
                    break;
                }
            }
        }
        fallBehind.clear();
        return disabled;
    }
}
