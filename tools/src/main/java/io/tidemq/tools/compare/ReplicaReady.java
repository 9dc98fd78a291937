package io.tidemq.tools.compare;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

import java.nio.charset.StandardCharsets;

/**
 * Waits until a master with a slave acknowledges a send as SEND_OK. A SYNC_MASTER answers SLAVE_NOT_AVAILABLE until
 * its slave has connected and caught up, which takes Apache RocketMQ 4.9.3 several seconds after the slave's boot
 * line; without this wait a short warm-up would measure refusals.
 */
final class ReplicaReady {
    private ReplicaReady() {
    }

    /** Sends one small message at a time to {@code topic} until SEND_OK, for at most {@code timeoutMillis}. */
    static boolean await(String namesrvAddr, String topic, long timeoutMillis) throws Exception {
        DefaultMQProducer p = new DefaultMQProducer("compare_probe_" + System.nanoTime());
        p.setNamesrvAddr(namesrvAddr);
        p.setInstanceName("compare-probe-" + System.nanoTime());
        p.setRetryTimesWhenSendFailed(0);
        p.start();
        try {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    SendResult r = p.send(new Message(topic, "probe".getBytes(StandardCharsets.UTF_8)), 3000);
                    if (r.getSendStatus() == SendStatus.SEND_OK) {
                        return true;
                    }
                } catch (Exception e) {
                    // route not there yet, or the broker refused: try again
                }
                Thread.sleep(200);
            }
            return false;
        } finally {
            p.shutdown();
        }
    }
}
