package io.tidemq.broker.schedule;

import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.DelayLevels;
import io.tidemq.store.MessageStoreConfig;
import io.tidemq.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** When delayed messages are delivered, and what a step of the broker's clock does to that. */
class DelayedDeliveryClockStepTest {
    private static final long START = 1_700_000_000_000L;
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);
    private static final int LEVEL_10S = 3;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private DefaultMessageStore store;
    private DelayLevels levels;
    private ScheduleMessageService schedule;

    @BeforeEach
    void open() {
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(dir.resolve("store").toString());
        config.setMappedFileSizeCommitLog(256 * 1024);
        config.setMappedFileSizeConsumeQueue(1000 * 20);
        store = new DefaultMessageStore(config, clock, d -> 0.1);
        assertThat(store.load()).isTrue();
        store.start();
        levels = new DelayLevels(config.getMessageDelayLevel());
        schedule = new ScheduleMessageService(store, levels, HOST, dir.resolve("config"), 1000);
    }

    @AfterEach
    void close() {
        store.shutdown();
    }

    @Test
    void aDelayedMessageIsDeliveredWhenItsDelayHasPassed() throws Exception {
        park("m1");
        schedule.deliverLevel(LEVEL_10S, START + 9_999);
        assertThat(delivered()).isZero();
        schedule.deliverLevel(LEVEL_10S, START + 10_000);
        assertThat(delivered()).isEqualTo(1);
    }

    @Test
    void aClockSteppedBackDoesNotHoldDelayedMessagesForTheLengthOfTheStep() throws Exception {
        park("m1");
        park("m2");
        // an hour back: by this clock they are due in an hour and ten seconds, longer than their level's delay
        long stepped = START - 3_600_000;
        schedule.deliverLevel(LEVEL_10S, stepped);
        assertThat(delivered()).as("delivered at once, as Apache does").isEqualTo(2);

        // a message stored after the step waits its own delay by the new clock
        clock.set(stepped + 1_000);
        park("m3");
        schedule.deliverLevel(LEVEL_10S, stepped + 5_000);
        assertThat(delivered()).isEqualTo(2);
        schedule.deliverLevel(LEVEL_10S, stepped + 11_000);
        assertThat(delivered()).isEqualTo(3);
    }

    /** Stores a message of the 10 s level for topic T, as the send path does. */
    private void park(String body) throws Exception {
        MessageExtBrokerInner m = new MessageExtBrokerInner();
        m.setTopic("T");
        m.setQueueId(0);
        m.setBody(body.getBytes());
        m.putProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL, String.valueOf(LEVEL_10S));
        m.encodePropertiesString();
        m.setBornHost(HOST);
        m.setStoreHost(HOST);
        assertThat(new MessagePutter(store, levels).put(m).get().isOk()).isTrue();
        long deadline = System.currentTimeMillis() + 5000;
        while (store.dispatchedPhyOffset() < store.getMaxPhyOffset() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
    }

    private long delivered() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2000;
        long n = store.getMaxOffsetInQueue("T", 0);
        while (store.dispatchedPhyOffset() < store.getMaxPhyOffset() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
            n = store.getMaxOffsetInQueue("T", 0);
        }
        return n;
    }
}
