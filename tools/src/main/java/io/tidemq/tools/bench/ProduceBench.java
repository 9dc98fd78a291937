package io.tidemq.tools.bench;

import org.HdrHistogram.Histogram;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** Sends as fast as the threads can (sync, async or oneway; single or batch) and reports throughput and RT. */
@Command(name = "produce", description = "Send messages from N threads and report TPS and send RT.")
final class ProduceBench implements Callable<Integer> {
    @Mixin
    BenchOptions opts = new BenchOptions();

    @Option(names = {"-c", "--threads"}, defaultValue = "16", description = "Sending threads")
    int threads;

    @Option(names = {"-s", "--size"}, defaultValue = "1024", description = "Body size in bytes")
    int size;

    @Option(names = {"-m", "--mode"}, defaultValue = "sync", description = "sync | async | oneway")
    String mode;

    @Option(names = {"-b", "--batch"}, defaultValue = "1", description = "Messages per send (batch when > 1)")
    int batch;

    @Option(names = {"--async-window"}, defaultValue = "64", description = "In-flight async sends per thread")
    int asyncWindow;

    @Option(names = {"--topics"}, defaultValue = "1",
            description = "Spread sends over this many topics (<topic>_0 .. <topic>_N-1) when > 1")
    int topics;

    @Override
    public Integer call() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("PG_BENCH_" + ThreadLocalRandom.current().nextInt(1_000_000));
        producer.setNamesrvAddr(opts.namesrv);
        producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
        producer.setSendMsgTimeout(10_000);
        producer.setInstanceName("bench-" + System.nanoTime());
        producer.start();
        byte[] body = new byte[size];
        ThreadLocalRandom.current().nextBytes(body);
        LongAdder sent = new LongAdder();
        LongAdder failed = new LongAdder();
        LatencyRecorder rt = new LatencyRecorder();
        long start = System.currentTimeMillis();
        long countFrom = start + opts.warmupSeconds * 1000L;
        long end = countFrom + opts.durationSeconds * 1000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> sendLoop(producer, body, sent, failed, rt, end), "bench-send-" + t);
            w.start();
            workers.add(w);
        }
        Progress progress = new Progress("produce", opts.reportSeconds, sent, failed, rt, start, countFrom, end);
        progress.run();
        for (Thread w : workers) {
            w.join();
        }
        producer.shutdown();
        Histogram h = rt.total();
        double seconds = opts.durationSeconds;
        System.out.printf(Locale.ROOT, "RESULT {\"mode\":\"produce\",\"sendMode\":\"%s\",\"threads\":%d,\"size\":%d,"
                        + "\"batch\":%d,\"tps\":%.1f,\"mbps\":%.2f,\"failed\":%d,\"rtP50Ms\":%.3f,\"rtP99Ms\":%.3f,"
                        + "\"rtP999Ms\":%.3f}%n", mode, threads, size, batch, progress.countedOk() / seconds,
                progress.countedOk() * (double) size / seconds / 1024 / 1024, progress.countedFailed(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0);
        return 0;
    }

    private String topicFor(long i) {
        return topics <= 1 ? opts.topic : opts.topic + "_" + (i % topics);
    }

    private void sendLoop(DefaultMQProducer producer, byte[] body, LongAdder sent, LongAdder failed,
                          LatencyRecorder rt, long end) {
        Semaphore window = new Semaphore(asyncWindow);
        long i = ThreadLocalRandom.current().nextInt(1_000_000);
        while (System.currentTimeMillis() < end) {
            String topic = topicFor(i++);
            long t0 = System.nanoTime();
            try {
                if (batch > 1) {
                    List<Message> msgs = new ArrayList<>(batch);
                    for (int k = 0; k < batch; k++) {
                        msgs.add(new Message(topic, body));
                    }
                    SendResult r = producer.send(msgs);
                    count(r.getSendStatus() == SendStatus.SEND_OK, batch, sent, failed);
                    rt.record((System.nanoTime() - t0) / 1000);
                } else if ("async".equals(mode)) {
                    window.acquire();
                    producer.send(new Message(topic, body), new SendCallback() {
                        @Override
                        public void onSuccess(SendResult r) {
                            count(r.getSendStatus() == SendStatus.SEND_OK, 1, sent, failed);
                            rt.record((System.nanoTime() - t0) / 1000);
                            window.release();
                        }

                        @Override
                        public void onException(Throwable e) {
                            failed.increment();
                            window.release();
                        }
                    });
                } else if ("oneway".equals(mode)) {
                    producer.sendOneway(new Message(topic, body));
                    sent.increment();
                    rt.record((System.nanoTime() - t0) / 1000);
                } else {
                    SendResult r = producer.send(new Message(topic, body));
                    count(r.getSendStatus() == SendStatus.SEND_OK, 1, sent, failed);
                    rt.record((System.nanoTime() - t0) / 1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failed.increment();
            }
        }
        window.acquireUninterruptibly(asyncWindow);
    }

    private static void count(boolean ok, int n, LongAdder sent, LongAdder failed) {
        if (ok) {
            sent.add(n);
        } else {
            failed.add(n);
        }
    }
}
