package io.tidemq.broker;

import io.tidemq.config.ConfigBinder;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerExecutorsTest {
    @Test
    void aRequestRefusedByAFullQueueIsCountedAndStillRejected() throws Exception {
        BrokerConfig config = new BrokerConfig();
        ConfigBinder binder = new ConfigBinder(config);
        binder.set("sendMessageThreadPoolNums", "1");
        binder.set("sendThreadPoolQueueCapacity", "1");
        AtomicInteger full = new AtomicInteger();
        BrokerExecutors executors = new BrokerExecutors(config, full::incrementAndGet);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try {
            executors.send.execute(() -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            executors.send.execute(() -> { });
            // the dispatcher answers SYSTEM_BUSY on this exception; the count is the refusal metric's
            assertThatThrownBy(() -> executors.send.execute(() -> { }))
                    .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("SendMessageThread");
            assertThat(full).hasValue(1);
        } finally {
            release.countDown();
            executors.shutdown();
        }
    }
}
