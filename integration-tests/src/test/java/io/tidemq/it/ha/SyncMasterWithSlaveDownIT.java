package io.tidemq.it.ha;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.store.MessageStore;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * SYNC_MASTER without its slave answers SLAVE_NOT_AVAILABLE (the message is kept on the master, as in 4.9); the
 * strict option refuses instead; a slave that comes back catches up — here after 100,000 missed messages — and
 * sends are SEND_OK again.
 */
class SyncMasterWithSlaveDownIT {
    private static final int MISSED = 100_000;

    @TempDir
    Path dir;

    @Test
    void slaveNotAvailableThenCatchUpThenSendOk() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker master = new TideBroker("127.0.0.2", ns.address(), dir.resolve("m"),
                     Map.of("brokerName", "broker-a", "brokerRole", "SYNC_MASTER"))) {
            DefaultMQProducer producer = Clients.producer("PG_SLAVE_DOWN", ns.address());
            producer.start();
            try {
                SendResult alone = producer.send(msg("alone"));
                assertThat(alone.getSendStatus()).isEqualTo(SendStatus.SLAVE_NOT_AVAILABLE);
                // kept on the master all the same, as Apache does (readable once dispatched)
                await().atMost(Duration.ofSeconds(10)).until(() -> master.controller().store().getMaxOffsetInQueue(
                        "IT_SLAVE_DOWN", alone.getMessageQueue().getQueueId()) == 1);

                List<Message> batch = new ArrayList<>();
                int sent = 1;
                while (sent < MISSED) {
                    batch.clear();
                    for (int i = 0; i < 200 && sent < MISSED; i++, sent++) {
                        batch.add(msg("missed-" + sent));
                    }
                    SendResult r = producer.send(batch);
                    assertThat(r.getSendStatus()).isEqualTo(SendStatus.SLAVE_NOT_AVAILABLE);
                }
                MessageStore m = master.controller().store();
                long masterMax = m.getMaxPhyOffset();

                long startNanos = System.nanoTime();
                try (TideBroker slave = new TideBroker("127.0.0.3", ns.address(), dir.resolve("s"),
                        Map.of("brokerName", "broker-a", "brokerRole", "SLAVE", "brokerId", "1"))) {
                    MessageStore s = slave.controller().store();
                    await().atMost(Duration.ofSeconds(120)).until(() -> s.getMaxPhyOffset() >= masterMax);
                    double seconds = (System.nanoTime() - startNanos) / 1e9;
                    System.out.printf("slave caught up %d messages (%d bytes) in %.2f s: %.0f msg/s, %.1f MB/s%n",
                            MISSED, masterMax, seconds, MISSED / seconds, masterMax / seconds / 1024 / 1024);
                    await().atMost(Duration.ofSeconds(60)).until(() -> s.dispatchedPhyOffset() >= masterMax);
                    long total = 0;
                    for (int q = 0; q < 4; q++) {
                        total += s.getMaxOffsetInQueue("IT_SLAVE_DOWN", q);
                    }
                    assertThat(total).isEqualTo(MISSED);
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(producer.send(msg("back")).getSendStatus()).isEqualTo(SendStatus.SEND_OK));
                }
            } finally {
                producer.shutdown();
            }
        }
    }

    @Test
    void strictModeRefusesInsteadOfKeepingTheMessageAlone() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker master = new TideBroker("127.0.0.2", ns.address(), dir.resolve("m"),
                     Map.of("brokerName", "broker-a", "brokerRole", "SYNC_MASTER", "syncMasterStrict", "true"))) {
            DefaultMQProducer producer = Clients.producer("PG_STRICT", ns.address());
            producer.setRetryTimesWhenSendFailed(0);
            producer.start();
            try {
                Throwable t = catchThrowable(() -> producer.send(msg("refused")));
                // SERVICE_NOT_AVAILABLE is retriable: the client tries other brokers, then reports the broker's error
                assertThat(t).isInstanceOf(MQClientException.class).hasCauseInstanceOf(MQBrokerException.class);
                MQBrokerException cause = (MQBrokerException) t.getCause();
                assertThat(cause.getResponseCode()).isEqualTo(14);
                assertThat(cause.getErrorMessage()).contains("syncMasterStrict");
                // nothing reaches the queues, however long the dispatcher is given
                await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> {
                    long stored = 0;
                    for (int q = 0; q < 4; q++) {
                        stored += master.controller().store().getMaxOffsetInQueue("IT_SLAVE_DOWN", q);
                    }
                    return stored == 0;
                });
            } finally {
                producer.shutdown();
            }
        }
    }

    private static Message msg(String body) {
        return new Message("IT_SLAVE_DOWN", body.getBytes(StandardCharsets.UTF_8));
    }
}
