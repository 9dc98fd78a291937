package io.tidemq.store;

import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageId;
import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.common.message.StoredRecord;
import io.tidemq.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** Appends produce RocketMQ 4.9 records with the right offsets, ids and rejections. */
class AppendTest {
    @TempDir
    Path dir;
    DefaultMessageStore store;
    final MutableClock clock = new MutableClock(1_700_000_000_123L);

    @AfterEach
    void close() {
        if (store != null) {
            store.shutdown();
        }
    }

    @Test
    void aBodyGivenAsAViewOfARequestIsStoredAsTheSameRecordAsAnArray() {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        byte[] body = "a body that stays in the request's buffer \u0001\u00ff".getBytes(StandardCharsets.UTF_8);
        PutMessageResult array = store.putMessage(message("TopicTest", 0, body, "TAGS", "T"));
        // a direct buffer with bytes around the body, as a slice of the read buffer is
        ByteBuffer frame = ByteBuffer.allocateDirect(body.length + 20);
        frame.position(10);
        frame.put(body);
        ByteBuffer view = frame.duplicate().position(10).limit(10 + body.length).slice();
        MessageExtBrokerInner viewed = message("TopicTest", 0, new byte[0], "TAGS", "T");
        viewed.setBodyView(view);
        PutMessageResult fromView = store.putMessage(viewed);
        assertThat(fromView.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(view.position()).as("the view is left as it was").isZero();

        ByteBuffer a = store.getCommitLogData(array.appendResult().wroteOffset()).buffer();
        ByteBuffer v = store.getCommitLogData(fromView.appendResult().wroteOffset()).buffer();
        int len = a.getInt(a.position());
        assertThat(v.getInt(v.position())).isEqualTo(len);
        byte[] ra = new byte[len];
        byte[] rv = new byte[len];
        a.get(a.position(), ra);
        v.get(v.position(), rv);
        // the same bytes but for the offsets and the store time (queue offset, physical offset, timestamp)
        for (int pos : new int[] {StoredRecord.QUEUE_OFFSET_POS, StoredRecord.PHYSICAL_OFFSET_POS}) {
            java.util.Arrays.fill(ra, pos, pos + 8, (byte) 0);
            java.util.Arrays.fill(rv, pos, pos + 8, (byte) 0);
        }
        int ts = StoredRecord.storeTimestampPos(a.getInt(a.position() + StoredRecord.SYS_FLAG_POS));
        java.util.Arrays.fill(ra, ts, ts + 8, (byte) 0);
        java.util.Arrays.fill(rv, ts, ts + 8, (byte) 0);
        assertThat(rv).isEqualTo(ra);
        MessageExt back = store.lookMessageByOffset(fromView.appendResult().wroteOffset());
        assertThat(back.getBody()).isEqualTo(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        assertThat(back.getBodyCRC()).isEqualTo((int) (crc.getValue() & 0x7FFFFFFF));
        assertThat(viewed.getBody()).as("asking for the array copies the view").isEqualTo(body);
    }

    @Test
    void assignsPhysicalAndQueueOffsetsAndWritesTheStoredFormat() {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        PutMessageResult a = store.putMessage(message("TopicTest", 0, "Hello 0", "KEYS", "K0", "TAGS", "TagA"));
        PutMessageResult b = store.putMessage(message("TopicTest", 1, "Hello 1"));
        PutMessageResult c = store.putMessage(message("TopicTest", 0, "Hello 2", "TAGS", "TagB"));

        assertThat(List.of(a.status(), b.status(), c.status())).containsOnly(PutMessageStatus.PUT_OK);
        assertThat(a.appendResult().wroteOffset()).isZero();
        assertThat(b.appendResult().wroteOffset()).isEqualTo(a.appendResult().endOffset());
        assertThat(c.appendResult().wroteOffset()).isEqualTo(b.appendResult().endOffset());
        assertThat(List.of(a.appendResult().logicsOffset(), b.appendResult().logicsOffset(),
                c.appendResult().logicsOffset())).containsExactly(0L, 0L, 1L);
        assertThat(a.appendResult().storeTimestamp()).isEqualTo(clock.millis());
        assertThat(b.appendResult().msgIds())
                .isEqualTo("7F00000100002A9F" + String.format("%016X", b.appendResult().wroteOffset()));

        MessageExt m = store.lookMessageByOffset(c.appendResult().wroteOffset());
        assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo("Hello 2");
        assertThat(m.getTopic()).isEqualTo("TopicTest");
        assertThat(m.getQueueId()).isZero();
        assertThat(m.getQueueOffset()).isEqualTo(1);
        assertThat(m.getCommitLogOffset()).isEqualTo(c.appendResult().wroteOffset());
        assertThat(m.getStoreTimestamp()).isEqualTo(clock.millis());
        assertThat(m.getBornHost()).isEqualTo(Stores.BORN_HOST);
        assertThat(m.getStoreHost()).isEqualTo(Stores.STORE_HOST);
        assertThat(m.getTags()).isEqualTo("TagB");
        assertThat(m.getMsgId()).isEqualTo(c.appendResult().msgIds());
        CRC32 crc = new CRC32();
        crc.update("Hello 2".getBytes(StandardCharsets.UTF_8));
        assertThat(m.getBodyCRC()).isEqualTo((int) (crc.getValue() & 0x7FFFFFFF));

        SelectMappedBufferResult raw = store.selectOneMessageByOffset(a.appendResult().wroteOffset());
        try {
            assertThat(MessageDecoder.propertiesString(raw.buffer().duplicate()))
                    .as("the property string is stored verbatim").isEqualTo("KEYS\u0001K0\u0002TAGS\u0001TagA");
            ByteBuffer r = raw.buffer();
            assertThat(r.getInt(0)).isEqualTo(a.appendResult().wroteBytes()).isEqualTo(raw.size());
            assertThat(r.getInt(4)).isEqualTo(0xDAA320A7);
            assertThat(r.getLong(28)).isZero();
            String props = "KEYS\u0001K0\u0002TAGS\u0001TagA";
            assertThat(raw.size()).isEqualTo(91 + 7 + 9 + props.length());
        } finally {
            raw.release();
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        assertThat(store.getMaxOffsetInQueue("TopicTest", 0)).isEqualTo(2);
        assertThat(store.getMaxOffsetInQueue("TopicTest", 1)).isEqualTo(1);
        assertThat(store.getMaxOffsetInQueue("Nope", 0)).isZero();
        assertThat(store.getCommitLogOffsetInQueue("TopicTest", 0, 1)).isEqualTo(c.appendResult().wroteOffset());
    }

    @Test
    void batchBecomesOneRecordPerMessageWithConsecutiveQueueOffsetsAndJoinedProperties() {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        store.putMessage(message("T", 2, "before"));
        MessageExtBatch batch = Stores.batch("T", 2, List.of("m0", "m1", ""),
                List.of(Stores.props("KEYS", "a"), "", Stores.props("TAGS", "x")), Stores.props("WAIT", "true"));
        PutMessageResult r = store.putMessage(batch);

        assertThat(r.status()).isEqualTo(PutMessageStatus.PUT_OK);
        AppendMessageResult ar = r.appendResult();
        assertThat(ar.msgNum()).isEqualTo(3);
        assertThat(ar.logicsOffset()).isEqualTo(1);
        String[] ids = ar.msgIds().split(",");
        assertThat(ids).hasSize(3);
        long phy = ar.wroteOffset();
        for (int i = 0; i < 3; i++) {
            assertThat(MessageId.decodeOffsetId(ids[i]).offset()).isEqualTo(phy);
            MessageExt m = store.lookMessageByOffset(phy);
            assertThat(m.getQueueOffset()).isEqualTo(1 + i);
            assertThat(m.getFlag()).isEqualTo(i);
            assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo(List.of("m0", "m1", "").get(i));
            assertThat(m.getProperty("WAIT")).isEqualTo("true");
            phy += m.getStoreSize();
        }
        assertThat(phy).isEqualTo(ar.endOffset());
        assertThat(store.lookMessageByOffset(ar.wroteOffset()).getKeys()).isEqualTo("a");
        SelectMappedBufferResult third = store.selectOneMessageByOffset(MessageId.decodeOffsetId(ids[2]).offset());
        try {
            assertThat(MessageDecoder.propertiesString(third.buffer().duplicate()))
                    .isEqualTo("TAGS\u0001x\u0002WAIT\u0001true");
        } finally {
            third.release();
        }
        SelectMappedBufferResult second = store.selectOneMessageByOffset(MessageId.decodeOffsetId(ids[1]).offset());
        try {
            assertThat(MessageDecoder.propertiesString(second.buffer().duplicate())).isEqualTo("WAIT\u0001true");
        } finally {
            second.release();
        }
        assertThat(store.awaitDispatched(5000)).isTrue();
        assertThat(store.getMaxOffsetInQueue("T", 2)).isEqualTo(4);
    }

    @Test
    void refusedMessagesWriteNothing() {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.setMaxMessageSize(1000);
        store = Stores.open(config, clock);
        store.putMessage(message("T", 0, "ok"));
        long max = store.getMaxPhyOffset();

        assertThat(store.putMessage(message("T".repeat(128), 0, "x")).status())
                .isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        assertThat(store.putMessage(message("bad topic", 0, "x")).status())
                .isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        assertThat(store.putMessage(message("T", 0, new byte[1000])).status())
                .isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        assertThat(store.putMessage(message("T", 0, "x", "K", "v".repeat(32768))).status())
                .isEqualTo(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED);
        MessageExtBatch malformed = Stores.batch("T", 0, List.of("a", "b"), List.of("", ""), "");
        malformed.getBody()[3] = 99;
        assertThat(store.putMessage(malformed).status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        MessageExtBatch truncated = Stores.batch("T", 0, List.of("a", "b"), List.of("", ""), "");
        truncated.setBody(java.util.Arrays.copyOf(truncated.getBody(), truncated.getBody().length - 1));
        assertThat(store.putMessage(truncated).status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        MessageExtBatch empty = Stores.batch("T", 0, List.of(), List.of(), "");
        assertThat(store.putMessage(empty).status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
        // each record fits, all of them together do not: as Apache 4.9, a batch is bounded by maxMessageSize whole
        MessageExtBatch tooBig = Stores.batch("T", 0, List.of("x".repeat(400), "y".repeat(400), "z".repeat(400)),
                List.of("", "", ""), "");
        assertThat(store.putMessage(tooBig).status()).isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);

        assertThat(store.getMaxPhyOffset()).isEqualTo(max);
        assertThat(store.putMessage(message("T", 0, "next")).appendResult().logicsOffset()).isEqualTo(1);
        assertThat(store.runtimeInfo().get("putMessageFailedTimes")).isEqualTo("8");
        assertThat(store.runtimeInfo().get("putMessageTimesTotal")).isEqualTo("2");
    }

    @Test
    void aRecordNeverSpansFilesTheRestOfAFileGetsTheBlankMarker() {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        int fileSize = 8 * 1024;
        long lastStart = -1;
        for (int i = 0; i < 40; i++) {
            PutMessageResult r = store.putMessage(message("T", 0, new byte[700]));
            AppendMessageResult ar = r.appendResult();
            assertThat(ar.wroteOffset() / fileSize).as("record %d stays within one file", i)
                    .isEqualTo((ar.endOffset() - 1) / fileSize);
            if (lastStart >= 0 && ar.wroteOffset() / fileSize != lastStart / fileSize) {
                assertThat(ar.wroteOffset() % fileSize).isZero();
            }
            lastStart = ar.wroteOffset();
        }
        MappedFile first = store.commitLog().files().first();
        int recordSize = 91 + 700 + 1;
        int blankAt = (fileSize - 8) / recordSize * recordSize;
        if (fileSize - blankAt < recordSize + 8) {
            assertThat(first.mapped().getInt(blankAt)).isEqualTo(fileSize - blankAt);
            assertThat(first.mapped().getInt(blankAt + 4)).isEqualTo(StoredRecord.BLANK_MAGIC);
        }
        assertThat(store.commitLog().files().snapshot().length).isGreaterThan(3);
    }

    @Test
    void ipv6HostsSetTheV6FlagsAndLengths() throws Exception {
        store = Stores.open(Stores.tinyConfig(dir), clock);
        MessageExtBrokerInner m = message("T", 0, "v6");
        m.setBornHost(new InetSocketAddress(java.net.InetAddress.getByName("fd00::2"), 40000));
        m.setStoreHost(new InetSocketAddress(java.net.InetAddress.getByName("fd00::1"), 10911));
        PutMessageResult r = store.putMessage(m);
        assertThat(r.appendResult().wroteBytes()).isEqualTo(91 + 24 + 2 + 1);
        assertThat(r.appendResult().msgIds()).hasSize(56).startsWith("FD000000000000000000000000000001");
        MessageExt back = store.lookMessageByOffset(r.appendResult().wroteOffset());
        assertThat(back.getSysFlag() & (MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG))
                .isEqualTo(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        assertThat(back.getBornHost()).isEqualTo(m.getBornHost());
        assertThat(back.getStoreHost()).isEqualTo(m.getStoreHost());
        assertThat(back.getStoreTimestamp()).isEqualTo(clock.millis());
        assertThat(new String(back.getBody(), StandardCharsets.UTF_8)).isEqualTo("v6");
    }
}
