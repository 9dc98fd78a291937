package io.tidemq.it.failover;

import io.tidemq.it.support.Clients;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady load from the official 4.9.3 producer (routes polled every second, several threads sending synchronously):
 * remembers every SEND_OK message (key to body) and which broker stored it when, and the first SEND_OK of a send
 * begun after a marked moment (a kill).
 */
final class FailoverLoad implements AutoCloseable {
    /** One acknowledged send: the group and broker that stored it, when the send began and ended (monotonic ns). */
    record Ack(String brokerName, String storeHost, long startedNanos, long endedNanos) {
    }

    private final String topic;
    private final DefaultMQProducer producer;
    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicLong markedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstOkAfterMark = new AtomicLong();
    /** The group whose first SEND_OK after the mark counts; null for any. */
    private volatile String markedGroup;
    private final AtomicInteger seq = new AtomicInteger();
    private final List<Thread> senders = new ArrayList<>();
    /** How many sends ended how: a send status, or the exception's simple name. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> outcomes = new ConcurrentHashMap<>();

    FailoverLoad(String namesrv, String topic, int threads) throws Exception {
        this.topic = topic;
        producer = Clients.producer("PG_" + topic, namesrv);
        producer.setPollNameServerInterval(1000);
        producer.setSendMsgTimeout(1000);
        producer.setRetryTimesWhenSendFailed(3);
        producer.start();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(this::sendUntilClosed, "failover-sender-" + t);
            sender.start();
            senders.add(sender);
        }
    }

    private void sendUntilClosed() {
        while (sending.get()) {
            int i = seq.getAndIncrement();
            String body = "failover-" + i + "-" + "x".repeat(i % 50);
            Message m = new Message(topic, "T", body.getBytes(StandardCharsets.UTF_8));
            m.setKeys("k" + i);
            long started = System.nanoTime();
            try {
                SendResult r = producer.send(m);
                count(r.getSendStatus().name());
                if (r.getSendStatus() == SendStatus.SEND_OK) {
                    long ended = System.nanoTime();
                    acked.put("k" + i, body);
                    String host = MessageDecoder.decodeMessageId(r.getOffsetMsgId()).getAddress().toString();
                    String group = r.getMessageQueue().getBrokerName();
                    acks.add(new Ack(group, host.startsWith("/") ? host.substring(1) : host, started, ended));
                    String wanted = markedGroup;
                    if (started > markedAt.get() && (wanted == null || wanted.equals(group))) {
                        firstOkAfterMark.compareAndSet(0, ended);
                    }
                }
            } catch (Exception e) {
                // not acknowledged: need not be consumed
                count(e.getClass().getSimpleName());
            }
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    /** How many sends ended how so far (SEND_OK, FLUSH_SLAVE_TIMEOUT, MQBrokerException, ...). */
    Map<String, Long> outcomes() {
        Map<String, Long> out = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Marks now (just before a fault); returns the mark. */
    long mark() {
        return mark(null);
    }

    /** Marks now, counting from here only SEND_OKs of group {@code brokerName}; returns the mark. */
    long mark(String brokerName) {
        markedGroup = brokerName;
        firstOkAfterMark.set(0);
        long now = System.nanoTime();
        markedAt.set(now);
        return now;
    }

    /** Nanos of the first SEND_OK of a send begun after the mark, or 0 while there is none. */
    long firstOkAfterMark() {
        return firstOkAfterMark.get();
    }

    Map<String, String> acked() {
        return acked;
    }

    List<Ack> acks() {
        return acks;
    }

    @Override
    public void close() throws InterruptedException {
        sending.set(false);
        for (Thread t : senders) {
            t.join(10_000);
        }
        producer.shutdown();
    }
}
