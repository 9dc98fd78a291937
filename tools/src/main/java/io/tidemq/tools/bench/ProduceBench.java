package io.tidemq.tools.bench;

import org.HdrHistogram.Histogram;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.impl.producer.TopicPublishInfo;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    @Option(names = {"--queues-per-topic"}, defaultValue = "0",
            description = "When > 0, send only to the first N queues of each topic, in turn, with a queue selector "
                    + "(0 = the client's own queue choice)")
    int queuesPerTopic;

    @Option(names = {"--total"}, defaultValue = "0",
            description = "Stop once this many messages were sent successfully (0 = run for the duration, which "
                    + "then only caps the run); the rate is then over the time actually taken")
    long total;

    @Option(names = {"--prime"}, defaultValue = "false",
            description = "Before the clock starts, fetch the route of every topic and, with --queues-per-topic, "
                    + "send one message to every queue that will be written (many topics: keeps route look-ups and "
                    + "the creation of queue files out of the run)")
    boolean prime;

    @Override
    public Integer call() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("PG_BENCH_" + ThreadLocalRandom.current().nextInt(1_000_000));
        producer.setNamesrvAddr(opts.namesrv);
        producer.setCompressMsgBodyOverHowmuch(Integer.MAX_VALUE);
        producer.setSendMsgTimeout(10_000);
        producer.setInstanceName("bench-" + System.nanoTime());
        producer.start();
        if (prime) {
            prime(producer, body(size));
        }
        byte[] body = body(size);
        LongAdder sent = new LongAdder();
        LongAdder failed = new LongAdder();
        LatencyRecorder rt = new LatencyRecorder();
        long start = System.currentTimeMillis();
        long countFrom = start + opts.warmupSeconds * 1000L;
        long end = countFrom + opts.durationSeconds * 1000L;
        Progress progress = new Progress("produce", opts.reportSeconds, sent, failed, rt, start, countFrom, end);
        AtomicLong budget = new AtomicLong(total);
        List<Thread> workers = new ArrayList<>();
        AtomicInteger running = new AtomicInteger(threads);
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                sendLoop(producer, body, sent, failed, rt, end, budget);
                if (running.decrementAndGet() == 0) {
                    progress.stop();
                }
            }, "bench-send-" + t);
            w.start();
            workers.add(w);
        }
        progress.run();
        for (Thread w : workers) {
            w.join();
        }
        producer.shutdown();
        Histogram h = rt.total();
        double seconds = total > 0 ? progress.countedMillis() / 1000.0 : opts.durationSeconds;
        System.out.printf(Locale.ROOT, "RESULT {\"mode\":\"produce\",\"sendMode\":\"%s\",\"threads\":%d,\"size\":%d,"
                        + "\"batch\":%d,\"tps\":%.1f,\"mbps\":%.2f,\"failed\":%d,\"rtP50Ms\":%.3f,\"rtP99Ms\":%.3f,"
                        + "\"rtP999Ms\":%.3f,\"sent\":%d,\"seconds\":%.3f}%n", mode, threads, size, batch,
                progress.countedOk() / seconds, progress.countedOk() * (double) size / seconds / 1024 / 1024,
                progress.countedFailed(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, sent.sum(), seconds);
        return 0;
    }

    private static byte[] body(int size) {
        byte[] body = new byte[size];
        ThreadLocalRandom.current().nextBytes(body);
        return body;
    }

    /**
     * Looks up every topic's route now, so the measured sends do not wait for NameServer look-ups, and with a queue
     * selector sends one message to every queue the run will write (its first message creates the queue's files).
     */
    private void prime(DefaultMQProducer producer, byte[] body) throws Exception {
        long t0 = System.currentTimeMillis();
        MQClientInstance client = producer.getDefaultMQProducerImpl().getmQClientFactory();
        AtomicInteger missing = new AtomicInteger();
        inParallel(4, topics, i -> {
            String topic = topicFor(i);
            if (!client.updateTopicRouteInfoFromNameServer(topic)) {
                TopicPublishInfo info = producer.getDefaultMQProducerImpl().getTopicPublishInfoTable().get(topic);
                if (info == null || !info.ok()) {
                    missing.incrementAndGet();
                }
            }
        });
        long t1 = System.currentTimeMillis();
        System.out.printf(Locale.ROOT, "[produce] routes of %d topics fetched in %d ms, %d missing%n", topics,
                t1 - t0, missing.get());
        if (queuesPerTopic > 0) {
            AtomicInteger failedSends = new AtomicInteger();
            inParallel(8, (long) topics * queuesPerTopic, i -> {
                try {
                    SendResult r = producer.send(new Message(topicFor(i), body), QUEUE_BY_INDEX,
                            (int) (i / Math.max(1, topics)));
                    if (r.getSendStatus() != SendStatus.SEND_OK) {
                        failedSends.incrementAndGet();
                    }
                } catch (Exception e) {
                    failedSends.incrementAndGet();
                }
            });
            System.out.printf(Locale.ROOT, "[produce] one message to each of %d queues in %d ms, %d failed%n",
                    (long) topics * queuesPerTopic, System.currentTimeMillis() - t1, failedSends.get());
        }
    }

    private interface IndexTask {
        void run(long i) throws Exception;
    }

    /** Runs {@code task} for 0..n-1 on {@code threads} threads. */
    private static void inParallel(int threads, long n, IndexTask task) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        task.run(i);
                    } catch (Exception e) {
                        // counted by the task
                    }
                }
            }, "bench-prime-" + t);
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
    }

    private String topicFor(long i) {
        return topics <= 1 ? opts.topic : opts.topic + "_" + (i % topics);
    }

    private void sendLoop(DefaultMQProducer producer, byte[] body, LongAdder sent, LongAdder failed,
                          LatencyRecorder rt, long end, AtomicLong budget) {
        Semaphore window = new Semaphore(asyncWindow);
        long i = ThreadLocalRandom.current().nextInt(1_000_000);
        while (System.currentTimeMillis() < end) {
            int n = batch;
            if (total > 0) {
                long left = budget.getAndAdd(-batch);
                if (left <= 0) {
                    break;
                }
                n = (int) Math.min(batch, left);
            }
            long seq = i++;
            String topic = topicFor(seq);
            // with a queue selector: every queue of a topic in turn once all topics had one message
            int queue = queuesPerTopic > 0 ? (int) ((seq / Math.max(1, topics)) % queuesPerTopic) : -1;
            long t0 = System.nanoTime();
            boolean ok = false;
            try {
                if (n > 1) {
                    List<Message> msgs = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        msgs.add(new Message(topic, body));
                    }
                    SendResult r = producer.send(msgs);
                    ok = r.getSendStatus() == SendStatus.SEND_OK;
                    count(ok, n, sent, failed);
                    rt.record((System.nanoTime() - t0) / 1000);
                } else if (queue >= 0) {
                    SendResult r = producer.send(new Message(topic, body), QUEUE_BY_INDEX, queue);
                    ok = r.getSendStatus() == SendStatus.SEND_OK;
                    count(ok, 1, sent, failed);
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
                    ok = true;
                    sent.increment();
                    rt.record((System.nanoTime() - t0) / 1000);
                } else {
                    SendResult r = producer.send(new Message(topic, body));
                    ok = r.getSendStatus() == SendStatus.SEND_OK;
                    count(ok, 1, sent, failed);
                    rt.record((System.nanoTime() - t0) / 1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failed.add(n);
            }
            if (total > 0 && !ok && !"async".equals(mode)) {
                budget.addAndGet(n); // give the unsent messages back, so the total is reached
            }
        }
        window.acquireUninterruptibly(asyncWindow);
    }

    /** Picks the queue whose index in the topic's list is {@code arg} (modulo the list's size). */
    private static final MessageQueueSelector QUEUE_BY_INDEX = (mqs, msg, arg) -> mqs.get((Integer) arg % mqs.size());

    private static void count(boolean ok, int n, LongAdder sent, LongAdder failed) {
        if (ok) {
            sent.add(n);
        } else {
            failed.add(n);
        }
    }
}
