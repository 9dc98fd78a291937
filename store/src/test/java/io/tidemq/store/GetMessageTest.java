package io.tidemq.store;

import io.tidemq.common.message.MessageDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** getMessage follows the read-semantics table of protocol.md 4.3. */
class GetMessageTest {
    @TempDir
    Path dir;
    MessageStoreConfig config;
    DefaultMessageStore store;

    @BeforeEach
    void fill() {
        config = Stores.tinyConfig(dir);
        config.setMappedFileSizeCommitLog(64 * 1024);
        config.setMappedFileSizeConsumeQueue(10 * ConsumeQueue.UNIT_SIZE);
        store = Stores.open(config);
        for (int i = 0; i < 25; i++) {
            store.putMessage(message("T", 0, "m" + i, "TAGS", i % 2 == 0 ? "TagA" : "TagB", "KEYS", "k" + i));
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
    }

    @AfterEach
    void close() {
        store.shutdown();
    }

    private static List<String> bodies(GetMessageResult r) {
        List<String> out = new ArrayList<>();
        r.messages().forEach(m -> out.add(Stores.bodyOf(m)));
        r.release();
        return out;
    }

    @Test
    void readsFromOneConsumeQueueFileAtATime() {
        GetMessageResult r = store.getMessage("g", "T", 0, 0, 32, MessageFilter.ALL);
        assertThat(r.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(r.minOffset()).isZero();
        assertThat(r.maxOffset()).isEqualTo(25);
        assertThat(r.nextBeginOffset()).isEqualTo(10);
        assertThat(r.queueOffsets()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(r.suggestPullingFromSlave()).isFalse();
        assertThat(bodies(r)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");

        GetMessageResult tail = store.getMessage("g", "T", 0, 22, 32, MessageFilter.ALL);
        assertThat(tail.nextBeginOffset()).isEqualTo(25);
        assertThat(bodies(tail)).containsExactly("m22", "m23", "m24");
    }

    @Test
    void stopsAtMaxMsgNums() {
        GetMessageResult r = store.getMessage("g", "T", 0, 11, 3, MessageFilter.ALL);
        assertThat(r.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(r.nextBeginOffset()).isEqualTo(14);
        assertThat(bodies(r)).containsExactly("m11", "m12", "m13");
    }

    @Test
    void answersOffsetsOutsideTheQueue() {
        GetMessageResult one = store.getMessage("g", "T", 0, 25, 32, MessageFilter.ALL);
        assertThat(one.status()).isEqualTo(GetMessageStatus.OFFSET_OVERFLOW_ONE);
        assertThat(one.nextBeginOffset()).isEqualTo(25);
        assertThat(one.messageCount()).isZero();

        GetMessageResult badly = store.getMessage("g", "T", 0, 99, 32, MessageFilter.ALL);
        assertThat(badly.status()).isEqualTo(GetMessageStatus.OFFSET_OVERFLOW_BADLY);
        assertThat(badly.nextBeginOffset()).as("min offset is 0").isZero();

        GetMessageResult none = store.getMessage("g", "T", 7, 3, 32, MessageFilter.ALL);
        assertThat(none.status()).isEqualTo(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE);
        assertThat(none.nextBeginOffset()).isZero();

        assertThat(store.changeRole(BrokerRole.SLAVE)).isTrue();
        GetMessageResult onSlave = store.getMessage("g", "T", 7, 3, 32, MessageFilter.ALL);
        assertThat(onSlave.nextBeginOffset()).as("a slave keeps the requested offset").isEqualTo(3);
        assertThat(store.changeRole(BrokerRole.ASYNC_MASTER)).isTrue();
    }

    @Test
    void filtersByTagsCodeFirstAndCountsFilteredUnitsInNextOffset() {
        long tagA = "TagA".hashCode();
        GetMessageResult r = store.getMessage("g", "T", 0, 0, 32, code -> code == tagA);
        assertThat(r.status()).isEqualTo(GetMessageStatus.FOUND);
        assertThat(r.nextBeginOffset()).isEqualTo(10);
        assertThat(r.queueOffsets()).containsExactly(0L, 2L, 4L, 6L, 8L);
        assertThat(bodies(r)).containsExactly("m0", "m2", "m4", "m6", "m8");

        GetMessageResult nothing = store.getMessage("g", "T", 0, 10, 32, code -> false);
        assertThat(nothing.status()).isEqualTo(GetMessageStatus.NO_MATCHED_MESSAGE);
        assertThat(nothing.nextBeginOffset()).isEqualTo(20);
    }

    @Test
    void filtersOnTheRecordInTheSecondStage() {
        MessageFilter keysEndingIn3 = new MessageFilter() {
            @Override
            public boolean isMatchedByConsumeQueue(long tagsCode) {
                return true;
            }

            @Override
            public boolean isMatchedByCommitLog(ByteBuffer record, Map<String, String> properties) {
                return MessageDecoder.decodeProperties(record).get("KEYS").endsWith("3");
            }
        };
        GetMessageResult r = store.getMessage("g", "T", 0, 0, 32, keysEndingIn3);
        assertThat(bodies(r)).containsExactly("m3");
        GetMessageResult next = store.getMessage("g", "T", 0, 10, 32, keysEndingIn3);
        assertThat(bodies(next)).containsExactly("m13");
    }

    @Test
    void limitsBatchesButAlwaysTakesTheFirstMessage() {
        config.transfer().setMaxTransferCountOnMessageInMemory(4);
        GetMessageResult four = store.getMessage("g", "T", 0, 0, 32, MessageFilter.ALL);
        assertThat(four.nextBeginOffset()).isEqualTo(4);
        assertThat(bodies(four)).containsExactly("m0", "m1", "m2", "m3");

        config.transfer().setMaxTransferBytesOnMessageInMemory(10);
        GetMessageResult one = store.getMessage("g", "T", 0, 5, 32, MessageFilter.ALL);
        assertThat(bodies(one)).containsExactly("m5");
        assertThat(one.nextBeginOffset()).isEqualTo(6);
    }

    @Test
    void dataFarBehindTheTailCountsAsOnDiskAndSuggestsTheSlave() {
        config.transfer().setAccessMessageInMemoryMaxRatio(0);
        config.transfer().setMaxTransferCountOnMessageInDisk(2);
        GetMessageResult r = store.getMessage("g", "T", 0, 0, 32, MessageFilter.ALL);
        assertThat(r.suggestPullingFromSlave()).isTrue();
        assertThat(bodies(r)).containsExactly("m0", "m1");
    }

    @Test
    void removedCommitLogDataIsReportedAsRemoving() {
        store.putMessage(message("Filler", 0, new byte[63 * 1024]));
        assertThat(store.awaitDispatched(5000)).isTrue();
        assertThat(store.commitLog().files().deleteFirst(1)).isEqualTo(1);
        GetMessageResult r = store.getMessage("g", "T", 0, 0, 32, MessageFilter.ALL);
        assertThat(r.status()).isEqualTo(GetMessageStatus.MESSAGE_WAS_REMOVING);
        assertThat(r.messageCount()).isZero();
        assertThat(r.nextBeginOffset()).isEqualTo(10);
        assertThat(store.lookMessageByOffset(0)).isNull();
    }

    @Test
    void buffersAreZeroCopySlicesThatHoldTheFile() {
        GetMessageResult r = store.getMessage("g", "T", 0, 0, 1, MessageFilter.ALL);
        SelectMappedBufferResult slice = r.messages().get(0);
        assertThat(slice.buffer().isDirect()).isTrue();
        assertThat(slice.buffer().isReadOnly()).isTrue();
        assertThat(slice.startOffset()).isZero();
        MappedFile file = store.commitLog().files().first();
        store.putMessage(message("Filler", 0, new byte[63 * 1024]));
        store.awaitDispatched(5000);
        store.commitLog().files().deleteFirst(1);
        assertThat(file.isAvailable()).isFalse();
        assertThat(Stores.bodyOf(slice)).as("still readable while held").isEqualTo("m0");
        r.release();
        r.release();
    }
}
