package io.tidemq.tools.bench;

import org.HdrHistogram.Histogram;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends at a fixed rate and measures end-to-end latency (consume time minus the send time carried in the body) on
 * a push consumer in the same process, so both timestamps come from one clock.
 */
@Command(name = "e2e", description = "Fixed-rate send, end-to-end latency percentiles at the consumer.")
final class EndToEndBench implements Callable<Integer> {
    @Mixin
    BenchOptions opts = new BenchOptions();

    @Option(names = {"-r", "--rate"}, defaultValue = "1000", description = "Messages per second")
    int rate;

    @Option(names = {"-s", "--size"}, defaultValue = "1024", description = "Body size in bytes (at least 8)")
    int size;

    @Override
    public Integer call() throws Exception {
        String suffix = String.valueOf(System.nanoTime());
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_E2E_" + suffix);
        consumer.setNamesrvAddr(opts.namesrv);
        consumer.setInstanceName("e2e-c-" + suffix);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.subscribe(opts.topic, "*");
        LatencyRecorder e2e = new LatencyRecorder();
        LongAdder received = new LongAdder();
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            long now = System.nanoTime();
            for (MessageExt m : msgs) {
                long sentAt = ByteBuffer.wrap(m.getBody()).getLong();
                e2e.record((now - sentAt) / 1000);
            }
            received.add(msgs.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        DefaultMQProducer producer = new DefaultMQProducer("PG_E2E_" + suffix);
        producer.setNamesrvAddr(opts.namesrv);
        producer.setInstanceName("e2e-p-" + suffix);
        producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
        producer.start();
        producer.send(new Message(opts.topic, new byte[Math.max(8, size)])); // make sure the topic exists
        consumer.start();
        Thread.sleep(3000); // let the consumer get its queues before measuring
        LongAdder sent = new LongAdder();
        LongAdder failed = new LongAdder();
        long start = System.currentTimeMillis();
        long countFrom = start + opts.warmupSeconds * 1000L;
        long end = countFrom + opts.durationSeconds * 1000L;
        Thread sender = new Thread(() -> {
            long intervalNanos = 1_000_000_000L / Math.max(1, rate);
            long next = System.nanoTime();
            ByteBuffer body = ByteBuffer.allocate(Math.max(8, size));
            while (System.currentTimeMillis() < end) {
                long now = System.nanoTime();
                if (now < next) {
                    java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                    continue;
                }
                next += intervalNanos;
                body.clear();
                body.putLong(System.nanoTime());
                try {
                    producer.sendOneway(new Message(opts.topic, body.array().clone()));
                    sent.increment();
                } catch (Exception e) {
                    failed.increment();
                }
            }
        }, "e2e-sender");
        sender.start();
        new Progress("e2e", opts.reportSeconds, received, failed, e2e, start, countFrom, end).run();
        sender.join();
        Thread.sleep(1000);
        producer.shutdown();
        consumer.shutdown();
        Histogram h = e2e.total();
        System.out.printf(Locale.ROOT, "RESULT {\"mode\":\"e2e\",\"rate\":%d,\"sent\":%d,\"received\":%d,"
                        + "\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f}%n", rate, sent.sum(),
                received.sum(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
        return 0;
    }
}
