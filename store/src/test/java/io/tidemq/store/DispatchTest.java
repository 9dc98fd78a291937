package io.tidemq.store;

import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher builds consume-queue units (tags codes, transactions, delays), the index, and notifies. */
class DispatchTest {
    @TempDir
    Path dir;
    DefaultMessageStore store;
    final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @AfterEach
    void close() {
        store.shutdown();
    }

    @Test
    void unitsCarryTagHashesAndTheListenerHearsEachUnit() {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        List<String> heard = new CopyOnWriteArrayList<>();
        store.setMessageArrivingListener((topic, queueId, logicOffset, tagsCode, storeTimestamp) ->
                heard.add(topic + "/" + queueId + "@" + logicOffset + ":" + tagsCode + ":" + storeTimestamp));
        store.putMessage(message("T", 3, "a", "TAGS", "TagA"));
        store.putMessage(message("T", 3, "b"));
        store.putMessage(message("T", 3, "c", "TAGS", "TagC"));
        assertThat(store.awaitDispatched(5000)).isTrue();

        ConsumeQueue cq = store.queues().find("T", 3);
        assertThat(cq.unit(0).tagsCode()).isEqualTo(2598919L);
        assertThat(cq.unit(1).tagsCode()).isZero();
        assertThat(cq.unit(2).tagsCode()).isEqualTo(2598921L);
        assertThat(cq.unit(1).phyOffset()).isEqualTo(store.getCommitLogOffsetInQueue("T", 3, 1));
        assertThat(heard).containsExactly("T/3@0:2598919:" + clock.millis(), "T/3@1:0:" + clock.millis(),
                "T/3@2:2598921:" + clock.millis());
    }

    @Test
    void scheduleTopicUnitsCarryTheDeliveryTime() {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.setMessageDelayLevel("1s 5s 10s 1m 2h 1d");
        store = Stores.open(config, clock);
        store.putMessage(message("SCHEDULE_TOPIC_XXXX", 1, "d", "DELAY", "2", "TAGS", "x"));
        store.putMessage(message("SCHEDULE_TOPIC_XXXX", 5, "d", "DELAY", "99"));
        store.putMessage(message("Other", 0, "d", "DELAY", "3", "TAGS", "x"));
        assertThat(store.awaitDispatched(5000)).isTrue();
        assertThat(store.queues().find("SCHEDULE_TOPIC_XXXX", 1).unit(0).tagsCode()).isEqualTo(clock.millis() + 5000);
        assertThat(store.queues().find("SCHEDULE_TOPIC_XXXX", 5).unit(0).tagsCode())
                .as("levels above the table are clamped").isEqualTo(clock.millis() + 86_400_000L);
        assertThat(store.queues().find("Other", 0).unit(0).tagsCode()).isEqualTo("x".hashCode());
    }

    @Test
    void preparedAndRollbackRecordsGetNoUnitPreparedOnesAreIndexed() {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        MessageExtBrokerInner half = message("HALF", 0, "half", "UNIQ_KEY", "U1");
        half.setSysFlag(MessageSysFlag.TRANSACTION_PREPARED_TYPE);
        MessageExtBrokerInner rollback = message("HALF", 0, "rb", "UNIQ_KEY", "U2");
        rollback.setSysFlag(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
        MessageExtBrokerInner commit = message("HALF", 0, "commit", "UNIQ_KEY", "U3");
        commit.setSysFlag(MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        PutMessageResult h = store.putMessage(half);
        store.putMessage(rollback);
        store.putMessage(message("HALF", 0, "plain"));
        PutMessageResult c = store.putMessage(commit);
        assertThat(store.awaitDispatched(5000)).isTrue();

        assertThat(h.appendResult().logicsOffset()).isZero();
        assertThat(store.lookMessageByOffset(h.appendResult().wroteOffset()).getQueueOffset()).isZero();
        assertThat(c.appendResult().logicsOffset()).isEqualTo(1);
        assertThat(store.getMaxOffsetInQueue("HALF", 0)).isEqualTo(2);
        assertThat(bodies(store.queryMessage("HALF", "U1", 10, 0, Long.MAX_VALUE))).containsExactly("half");
        assertThat(bodies(store.queryMessage("HALF", "U2", 10, 0, Long.MAX_VALUE))).isEmpty();
        assertThat(bodies(store.queryMessage("HALF", "U3", 10, 0, Long.MAX_VALUE))).containsExactly("commit");
    }

    @Test
    void indexFindsKeysAndUniqueKeysAcrossCollisionsAndRolledFiles() {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.index().setMaxHashSlotNum(3);
        config.index().setMaxIndexNum(7);
        store = Stores.open(config, clock);
        for (int i = 0; i < 30; i++) {
            store.putMessage(message(i % 2 == 0 ? "A" : "B", 0, "m" + i, "KEYS", "k" + (i % 5) + " shared",
                    "UNIQ_KEY", "UQ" + i));
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        assertThat(store.index().fileCount()).isGreaterThan(3);

        assertThat(bodies(store.queryMessage("A", "UQ12", 32, 0, Long.MAX_VALUE))).containsExactly("m12");
        assertThat(bodies(store.queryMessage("B", "UQ12", 32, 0, Long.MAX_VALUE))).isEmpty();
        assertThat(bodies(store.queryMessage("A", "k2", 32, 0, Long.MAX_VALUE)))
                .containsExactlyInAnyOrder("m2", "m12", "m22");
        assertThat(bodies(store.queryMessage("B", "shared", 32, 0, Long.MAX_VALUE))).hasSize(15);
        assertThat(bodies(store.queryMessage("B", "shared", 4, 0, Long.MAX_VALUE))).hasSize(4);
        long t0 = 1_700_000_000_000L;
        assertThat(bodies(store.queryMessage("A", "shared", 32, t0 + 95_000, t0 + 145_000)))
                .containsExactlyInAnyOrder("m10", "m12", "m14");
        QueryMessageResult q = store.queryMessage("A", "nothing", 32, 0, Long.MAX_VALUE);
        assertThat(q.indexLastUpdatePhyoffset()).isGreaterThan(0);
        assertThat(q.indexLastUpdateTimestamp()).isEqualTo(t0 + 290_000);
        q.release();
    }

    @Test
    void aClockSteppedBackDoesNotHideEarlierKeysOfTheSameIndexFile() {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        long t0 = 1_700_000_000_000L;
        store.putMessage(message("A", 0, "first", "KEYS", "early"));
        clock.advance(Duration.ofHours(1));
        store.putMessage(message("A", 0, "second", "KEYS", "late"));
        clock.set(t0 - 3_600_000);
        store.putMessage(message("A", 0, "third", "KEYS", "stepped"));
        assertThat(store.awaitDispatched(5000)).isTrue();

        assertThat(bodies(store.queryMessage("A", "late", 32, t0 + 1_800_000, Long.MAX_VALUE)))
                .containsExactly("second");
        assertThat(bodies(store.queryMessage("A", "early", 32, 0, Long.MAX_VALUE))).containsExactly("first");
        assertThat(bodies(store.queryMessage("A", "stepped", 32, 0, Long.MAX_VALUE))).containsExactly("third");
    }

    @Test
    void offsetByTimePicksExactOrNearestWithTiesToTheEarlierAndClampsAtTheEnds() {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        long t0 = clock.millis();
        long[] at = {0, 1000, 1000, 3000, 7000};
        for (int i = 0; i < at.length; i++) {
            clock.set(t0 + at[i]);
            store.putMessage(message("T", 0, "m" + i));
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        assertThat(store.getOffsetInQueueByTime("T", 0, t0 + 1000)).isEqualTo(1);
        assertThat(store.getOffsetInQueueByTime("T", 0, t0 + 2000)).as("tie goes to the earlier").isEqualTo(2);
        assertThat(store.getOffsetInQueueByTime("T", 0, t0 + 2500)).isEqualTo(3);
        assertThat(store.getOffsetInQueueByTime("T", 0, t0 + 4000)).isEqualTo(3);
        assertThat(store.getOffsetInQueueByTime("T", 0, t0 - 5)).as("all later: first").isZero();
        assertThat(store.getOffsetInQueueByTime("T", 0, t0 + 99_000)).as("all earlier: last entry").isEqualTo(4);
        assertThat(store.getOffsetInQueueByTime("Nope", 0, t0)).isZero();
        assertThat(store.getMessageStoreTimeStamp("T", 0, 3)).isEqualTo(t0 + 3000);
        assertThat(store.getMessageStoreTimeStamp("T", 0, 5)).isEqualTo(-1);
        assertThat(store.getEarliestMessageTime("T", 0)).isEqualTo(t0);
        assertThat(store.getEarliestMessageTime()).isEqualTo(t0);
        assertThat(store.getEarliestMessageTime("Nope", 0)).isEqualTo(-1);
    }

    static List<String> bodies(QueryMessageResult q) {
        List<String> out = new ArrayList<>();
        q.messages().forEach(m -> out.add(Stores.bodyOf(m)));
        q.release();
        return out;
    }
}
