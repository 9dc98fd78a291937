package io.tidemq.it.support;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Sends keyed messages and remembers exactly those acknowledged SEND_OK, for "nothing acknowledged is lost" checks. */
public final class AckedSends {
    private AckedSends() {
    }

    /**
     * Sends message {@code i} (key {@code k<i>}, body {@code <prefix>-<i>}) to {@code topic}; on SEND_OK records
     * key to body in {@code acked} and returns the result, otherwise (failure or other status) returns null.
     */
    public static SendResult send(DefaultMQProducer producer, String topic, String prefix, int i,
                                  Map<String, String> acked) {
        String key = "k" + i;
        String body = prefix + "-" + i;
        Message m = new Message(topic, "T", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        try {
            SendResult r = producer.send(m);
            if (r.getSendStatus() == SendStatus.SEND_OK) {
                acked.put(key, body);
                return r;
            }
        } catch (Exception e) {
            // not acknowledged: the caller counts it, consumers need not see it
        }
        return null;
    }

    /**
     * Sends {@code body} with key {@code key} to {@code topic}; counts the outcome in {@code outcomes} (the send status,
     * or the exception's simple name) and, on SEND_OK, records key to body in {@code acked}. True on SEND_OK.
     */
    public static boolean sendCounting(DefaultMQProducer producer, String topic, String key, String body,
                                       Map<String, String> acked, Map<String, Integer> outcomes) {
        String outcome;
        boolean ok = false;
        try {
            SendResult r = producer.send(new Message(topic, "T", key, body.getBytes(StandardCharsets.UTF_8)));
            outcome = r.getSendStatus().name();
            if (r.getSendStatus() == SendStatus.SEND_OK) {
                acked.put(key, body);
                ok = true;
            }
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
        }
        synchronized (outcomes) {
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return ok;
    }
}
