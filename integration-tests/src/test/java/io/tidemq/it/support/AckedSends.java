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
}
