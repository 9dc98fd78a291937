package io.tidemq.tools.bench;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Drains a topic with a push consumer (new group, from the first offset) and reports the drain rate. */
@Command(name = "consume", description = "Drain a topic with a push consumer and report messages/s.")
final class ConsumeBench implements Callable<Integer> {
    @Mixin
    BenchOptions opts = new BenchOptions();

    @Option(names = {"-g", "--group"}, description = "Consumer group (default: a new one, so it starts at 0)")
    String group;

    @Option(names = {"--expect"}, defaultValue = "0",
            description = "Stop as soon as this many messages were consumed (0 = run for the duration)")
    long expect;

    @Option(names = {"--consume-threads"}, defaultValue = "8", description = "Consumer threads")
    int consumeThreads;

    @Option(names = {"--idle-stop"}, defaultValue = "5",
            description = "Stop once nothing arrived for this many seconds after the first message (0 = never)")
    int idleStopSeconds;

    @Override
    public Integer call() throws Exception {
        String g = group != null ? group : "CG_BENCH_" + System.nanoTime();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(g);
        consumer.setNamesrvAddr(opts.namesrv);
        consumer.setInstanceName("bench-consume-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeThreadMin(consumeThreads);
        consumer.setConsumeThreadMax(consumeThreads);
        consumer.setPullBatchSize(32);
        consumer.setConsumeMessageBatchMaxSize(32);
        consumer.subscribe(opts.topic, "*");
        LongAdder count = new LongAdder();
        LongAdder bytes = new LongAdder();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            long now = System.currentTimeMillis();
            first.compareAndSet(0, now);
            last.set(now);
            for (MessageExt m : msgs) {
                bytes.add(m.getBody() == null ? 0 : m.getBody().length);
            }
            count.add(msgs.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        long start = System.currentTimeMillis();
        consumer.start();
        long deadline = start + (opts.warmupSeconds + opts.durationSeconds) * 1000L;
        long lastReport = start;
        long lastCount = 0;
        while (System.currentTimeMillis() < deadline && (expect <= 0 || count.sum() < expect)) {
            Thread.sleep(100);
            long now = System.currentTimeMillis();
            if (idleStopSeconds > 0 && last.get() > 0 && now - last.get() > idleStopSeconds * 1000L) {
                break;
            }
            if (now - lastReport >= opts.reportSeconds * 1000L) {
                long c = count.sum();
                System.out.printf(Locale.ROOT, "[consume] %ds tps=%.1f total=%d%n", (now - start) / 1000,
                        (c - lastCount) * 1000.0 / (now - lastReport), c);
                lastReport = now;
                lastCount = c;
            }
        }
        consumer.shutdown();
        long c = count.sum();
        // the drain rate: from the first to the last message handed to the listener
        double seconds = Math.max(0.001, (last.get() - first.get()) / 1000.0);
        System.out.printf(Locale.ROOT, "RESULT {\"mode\":\"consume\",\"messages\":%d,\"seconds\":%.3f,\"tps\":%.1f,"
                + "\"mbps\":%.2f}%n", c, seconds, c / seconds, bytes.sum() / seconds / 1024 / 1024);
        return expect > 0 && c < expect ? 1 : 0;
    }
}
