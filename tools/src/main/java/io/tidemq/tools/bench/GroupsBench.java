package io.tidemq.tools.bench;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Many consumer groups on one topic: starts N push consumers with distinct groups that share one client instance
 * (one connection, one pull thread, one rebalance thread), waits until every group has had a message from every
 * queue, then sends at a fixed rate for the measured window and counts deliveries. Prints {@code [groups]
 * MEASURE-BEGIN} and {@code [groups] MEASURE-END} when the window opens and closes, so a caller can sample the
 * broker exactly then, and at the end a RESULT line with the messages sent in the window, the deliveries that
 * happened in it, and how many of the (sent x groups) expected deliveries arrived (distinct, after a drain).
 */
@Command(name = "groups", description = "N consumer groups on one topic, fixed-rate send, count deliveries.")
final class GroupsBench implements Callable<Integer> {
    @Mixin
    BenchOptions opts = new BenchOptions();

    @Option(names = {"-g", "--groups"}, defaultValue = "1000", description = "Consumer groups")
    int groups;

    @Option(names = {"-r", "--rate"}, defaultValue = "10", description = "Messages per second sent")
    int rate;

    @Option(names = {"-s", "--size"}, defaultValue = "1024", description = "Body size in bytes (at least 16)")
    int size;

    @Option(names = {"--group-prefix"}, defaultValue = "CG_SCALE_", description = "Group names: prefix + index")
    String groupPrefix;

    @Option(names = {"--ready-timeout"}, defaultValue = "600",
            description = "Seconds to wait for every group to receive from every queue before giving up")
    int readyTimeoutSeconds;

    @Option(names = {"--drain-timeout"}, defaultValue = "60",
            description = "Seconds to wait after the window for late deliveries (stops early when complete)")
    int drainTimeoutSeconds;

    private volatile boolean measuring;

    @Override
    public Integer call() throws Exception {
        String suffix = String.valueOf(System.nanoTime());
        DefaultMQProducer producer = new DefaultMQProducer("PG_GROUPS_" + suffix);
        producer.setNamesrvAddr(opts.namesrv);
        producer.setInstanceName("groups-p-" + suffix);
        producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
        producer.start();
        List<MessageQueue> mqs = producer.fetchPublishMessageQueues(opts.topic);
        int queues = mqs.size();
        if (queues == 0 || queues > 30) {
            throw new IllegalStateException("topic " + opts.topic + " has " + queues + " queues; need 1..30");
        }
        int allQueues = (1 << queues) - 1;

        AtomicIntegerArray seenQueues = new AtomicIntegerArray(groups);
        BitSet[] distinct = new BitSet[groups];
        LongAdder deliveries = new LongAdder();
        LongAdder windowDeliveries = new LongAdder();
        LongAdder measuredDeliveries = new LongAdder();
        LongAdder distinctDeliveries = new LongAdder();
        List<DefaultMQPushConsumer> consumers = new ArrayList<>(groups);
        String instance = "groups-c-" + suffix;
        long t0 = System.currentTimeMillis();
        for (int g = 0; g < groups; g++) {
            final int gi = g;
            BitSet seen = new BitSet();
            distinct[g] = seen;
            DefaultMQPushConsumer c = new DefaultMQPushConsumer(groupPrefix + g);
            c.setNamesrvAddr(opts.namesrv);
            c.setInstanceName(instance); // one MQClientInstance for all groups
            c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
            c.setConsumeThreadMin(1);
            c.setConsumeThreadMax(1);
            c.subscribe(opts.topic, "*");
            c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                if (measuring) {
                    windowDeliveries.add(msgs.size());
                }
                deliveries.add(msgs.size());
                for (MessageExt m : msgs) {
                    int mask = 1 << m.getQueueId();
                    int cur = seenQueues.get(gi);
                    while ((cur & mask) == 0 && !seenQueues.compareAndSet(gi, cur, cur | mask)) {
                        cur = seenQueues.get(gi);
                    }
                    ByteBuffer b = ByteBuffer.wrap(m.getBody());
                    long seq = b.getLong();
                    if (b.get() == 1) {
                        measuredDeliveries.increment();
                        synchronized (seen) {
                            if (!seen.get((int) seq)) {
                                seen.set((int) seq);
                                distinctDeliveries.increment();
                            }
                        }
                    }
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            c.start();
            consumers.add(c);
            if ((g + 1) % 100 == 0 || g + 1 == groups) {
                System.out.printf(Locale.ROOT, "[groups] %d consumers started in %d ms%n", g + 1,
                        System.currentTimeMillis() - t0);
            }
        }

        // warm-up: send at the rate until every group got a message from every queue (so all pulls are running)
        ByteBuffer body = ByteBuffer.allocate(Math.max(16, size));
        LongAdder failed = new LongAdder();
        long intervalNanos = 1_000_000_000L / Math.max(1, rate);
        long next = System.nanoTime();
        long readyDeadline = t0 + readyTimeoutSeconds * 1000L;
        long warmSeq = 0;
        long lastPrint = System.currentTimeMillis();
        while (true) {
            int ready = 0;
            for (int g = 0; g < groups; g++) {
                if (seenQueues.get(g) == allQueues) {
                    ready++;
                }
            }
            long now = System.currentTimeMillis();
            if (ready == groups) {
                break;
            }
            if (now > readyDeadline) {
                System.out.printf(Locale.ROOT, "[groups] only %d of %d groups receive from all %d queues after %d s%n",
                        ready, groups, queues, readyTimeoutSeconds);
                System.out.flush();
                Runtime.getRuntime().halt(2);
            }
            if (now - lastPrint >= opts.reportSeconds * 1000L) {
                System.out.printf(Locale.ROOT, "[groups] %d s: %d of %d groups receive from all queues%n",
                        (now - t0) / 1000, ready, groups);
                lastPrint = now;
            }
            next = pace(next, intervalNanos);
            send(producer, body, warmSeq++, (byte) 0, failed);
        }
        long readyMillis = System.currentTimeMillis() - t0;
        System.out.printf(Locale.ROOT, "[groups] all %d groups receive from all %d queues after %d ms%n", groups,
                queues, readyMillis);
        long warmEnd = System.currentTimeMillis() + opts.warmupSeconds * 1000L;
        while (System.currentTimeMillis() < warmEnd) {
            next = pace(next, intervalNanos);
            send(producer, body, warmSeq++, (byte) 0, failed);
        }

        // the measured window
        long sent = 0;
        long failedBefore = failed.sum();
        measuring = true;
        System.out.println("[groups] MEASURE-BEGIN");
        long wStart = System.currentTimeMillis();
        long wEnd = wStart + opts.durationSeconds * 1000L;
        long lastDeliveries = deliveries.sum();
        lastPrint = wStart;
        while (System.currentTimeMillis() < wEnd) {
            next = pace(next, intervalNanos);
            if (send(producer, body, sent, (byte) 1, failed)) {
                sent++;
            }
            long now = System.currentTimeMillis();
            if (now - lastPrint >= opts.reportSeconds * 1000L) {
                long d = deliveries.sum();
                System.out.printf(Locale.ROOT, "[groups] measure sent=%d deliveries/s=%.0f%n", sent,
                        (d - lastDeliveries) * 1000.0 / (now - lastPrint));
                lastDeliveries = d;
                lastPrint = now;
            }
        }
        measuring = false;
        long wMillis = System.currentTimeMillis() - wStart;
        System.out.println("[groups] MEASURE-END");
        long window = windowDeliveries.sum();

        // late deliveries of the window's messages
        long expected = sent * groups;
        long drainDeadline = System.currentTimeMillis() + drainTimeoutSeconds * 1000L;
        while (distinctDeliveries.sum() < expected && System.currentTimeMillis() < drainDeadline) {
            Thread.sleep(100);
        }
        long got = distinctDeliveries.sum();
        System.out.printf(Locale.ROOT, "RESULT {\"mode\":\"groups\",\"groups\":%d,\"queues\":%d,\"rate\":%d,"
                        + "\"windowSeconds\":%.3f,\"sent\":%d,\"failed\":%d,\"windowDeliveries\":%d,"
                        + "\"expected\":%d,\"delivered\":%d,\"duplicates\":%d,\"deliveredRatio\":%.6f,"
                        + "\"readySeconds\":%.3f}%n", groups, queues, rate, wMillis / 1000.0, sent,
                failed.sum() - failedBefore, window, expected, got, measuredDeliveries.sum() - got,
                expected == 0 ? 0.0 : (double) got / expected, readyMillis / 1000.0);
        System.out.flush();
        // 1,000 consumers would each unregister and persist offsets one by one; nothing of that is measured
        Runtime.getRuntime().halt(0);
        return 0;
    }

    private static long pace(long next, long intervalNanos) {
        long now = System.nanoTime();
        if (now < next) {
            LockSupport.parkNanos(next - now);
            return next + intervalNanos;
        }
        // behind (a slow send): do not burst to catch up
        return Math.max(next + intervalNanos, now - intervalNanos);
    }

    private boolean send(DefaultMQProducer producer, ByteBuffer body, long seq, byte phase, LongAdder failed) {
        body.clear();
        body.putLong(seq);
        body.put(phase);
        try {
            SendResult r = producer.send(new Message(opts.topic, body.array().clone()));
            if (r.getSendStatus() == SendStatus.SEND_OK) {
                return true;
            }
        } catch (Exception e) {
            // counted below
        }
        failed.increment();
        return false;
    }
}
