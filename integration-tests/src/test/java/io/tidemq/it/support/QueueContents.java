package io.tidemq.it.support;

import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a topic holds, read queue by queue with the official pull consumer from each queue's min offset to its
 * max, as one line of text per message carrying every field the client decodes (offsets, ids, body, properties,
 * hosts, times, flags). Two brokers that give equal contents serve the same messages at the same queue offsets.
 */
public final class QueueContents {
    /** Properties the client adds at pull time from the response, not from the stored message. */
    private static final Set<String> PULL_TIME_PROPERTIES = Set.of("MIN_OFFSET", "MAX_OFFSET");

    private QueueContents() {
    }

    /** "queueId:queueOffset" -> the message's canonical line, for every message of {@code topic}. */
    public static Map<String, String> read(String namesrv, String topic) throws Exception {
        DefaultMQPullConsumer c = new DefaultMQPullConsumer("QueueContentsReader");
        c.setNamesrvAddr(namesrv);
        c.setInstanceName("contents-" + System.nanoTime());
        c.start();
        try {
            List<MessageQueue> queues = new ArrayList<>(c.fetchSubscribeMessageQueues(topic));
            queues.sort(Comparator.comparingInt(MessageQueue::getQueueId));
            Map<String, String> out = new LinkedHashMap<>();
            for (MessageQueue mq : queues) {
                long offset = c.minOffset(mq);
                long max = c.maxOffset(mq);
                while (offset < max) {
                    PullResult r = c.pull(mq, "*", offset, 32, 5000);
                    if (r.getPullStatus() != PullStatus.FOUND) {
                        throw new AssertionError(topic + "/" + mq.getQueueId() + " at " + offset + " of " + max
                                + ": " + r.getPullStatus());
                    }
                    for (MessageExt m : r.getMsgFoundList()) {
                        out.put(m.getQueueId() + ":" + m.getQueueOffset(), line(m));
                    }
                    offset = r.getNextBeginOffset();
                }
            }
            return out;
        } finally {
            c.shutdown();
        }
    }

    /** Every field of a pulled message the official client decodes, as text. */
    public static String line(MessageExt m) {
        Map<String, String> props = new TreeMap<>(m.getProperties());
        PULL_TIME_PROPERTIES.forEach(props::remove);
        return "topic=" + m.getTopic() + " queue=" + m.getQueueId() + " queueOffset=" + m.getQueueOffset()
                + " commitLogOffset=" + m.getCommitLogOffset() + " msgId=" + m.getMsgId()
                + " bornHost=" + m.getBornHostString() + " born=" + m.getBornTimestamp()
                + " storeHost=" + m.getStoreHost() + " stored=" + m.getStoreTimestamp()
                + " sysFlag=" + m.getSysFlag() + " flag=" + m.getFlag() + " reconsume=" + m.getReconsumeTimes()
                + " prepared=" + m.getPreparedTransactionOffset() + " bodyCRC=" + m.getBodyCRC()
                + " props=" + props + " body=" + Base64.getEncoder().encodeToString(m.getBody())
                + " text=" + new String(m.getBody(), StandardCharsets.UTF_8);
    }
}
