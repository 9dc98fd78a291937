package io.tidemq.common.message;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoding stored records, starting from the 215-byte record observed in a pull body (protocol.md 6.1). */
class MessageDecoderTest {
    static final String UNIQ = "FD000000000000000000000000000002384930946E09884178AA0000";
    static final String PROPS = "KEYS\u0001KEY2\u0002UNIQ_KEY\u0001" + UNIQ
            + "\u0002CLUSTER\u0001DefaultCluster\u0002TAGS\u0001TagA";

    /** The observed record, field by field. */
    static ByteBuffer observedRecord() {
        byte[] body = "Hello 2".getBytes(StandardCharsets.US_ASCII);
        byte[] topic = "TopicTest".getBytes(StandardCharsets.US_ASCII);
        byte[] props = PROPS.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(215);
        b.putInt(0xd7).putInt(0xdaa320a7).putInt(0x015b5141).putInt(2).putInt(0).putLong(0).putLong(0x1ae).putInt(0);
        b.putLong(0x000001a21ca96138L).put(new byte[]{127, 0, 0, 1}).putInt(0xc9fa);
        b.putLong(0x000001a21ca96139L).put(new byte[]{127, 0, 0, 1}).putInt(0x2a9f);
        b.putInt(0).putLong(0).putInt(body.length).put(body).put((byte) topic.length).put(topic);
        b.putShort((short) props.length).put(props);
        return b.flip();
    }

    @Test
    void decodesTheObservedRecord() {
        ByteBuffer b = observedRecord();
        assertThat(b.limit()).isEqualTo(215);
        MessageExt m = MessageDecoder.decode(b);

        assertThat(b.position()).isEqualTo(215);
        assertThat(m.getStoreSize()).isEqualTo(215);
        assertThat(m.getQueueId()).isEqualTo(2);
        assertThat(m.getQueueOffset()).isZero();
        assertThat(m.getCommitLogOffset()).isEqualTo(430);
        assertThat(m.getBornHost()).isEqualTo(new InetSocketAddress("127.0.0.1", 51706));
        assertThat(m.getStoreHost()).isEqualTo(new InetSocketAddress("127.0.0.1", 10911));
        assertThat(m.getBornTimestamp()).isEqualTo(0x000001a21ca96138L);
        assertThat(m.getStoreTimestamp()).isEqualTo(0x000001a21ca96139L);
        assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo("Hello 2");
        assertThat(m.getTopic()).isEqualTo("TopicTest");
        assertThat(m.getKeys()).isEqualTo("KEY2");
        assertThat(m.getTags()).isEqualTo("TagA");
        assertThat(m.getProperty("UNIQ_KEY")).isEqualTo(UNIQ);
        assertThat(m.getProperty("CLUSTER")).isEqualTo("DefaultCluster");
        assertThat(m.getMsgId()).isEqualTo("7F00000100002A9F00000000000001AE");
        assertThat(m.getBodyCRC()).isEqualTo(0x015b5141);
        CRC32 crc = new CRC32();
        crc.update("Hello 2".getBytes(StandardCharsets.US_ASCII));
        assertThat((int) (crc.getValue() & 0x7FFFFFFF)).as("the observed CRC is CRC32 & 0x7FFFFFFF")
                .isEqualTo(0x015b5141);
    }

    @Test
    void decodesRecordsBackToBackAndStopsAtAnythingElse() {
        ByteBuffer one = observedRecord();
        ByteBuffer buf = ByteBuffer.allocate(215 * 2 + 8);
        buf.put(one.duplicate()).put(one.duplicate()).putInt(8).putInt(0xCBD43194).flip();
        List<MessageExt> all = MessageDecoder.decodes(buf);
        assertThat(all).hasSize(2).allSatisfy(m -> assertThat(m.getTopic()).isEqualTo("TopicTest"));
        assertThat(buf.position()).isEqualTo(430);
        assertThat(MessageDecoder.decode(buf)).as("blank marker is not a message").isNull();
    }

    @Test
    void rejectsTruncatedOrInconsistentRecords() {
        ByteBuffer b = observedRecord();
        assertThat(MessageDecoder.decode(b.duplicate().limit(214))).isNull();
        ByteBuffer wrongTotal = observedRecord();
        wrongTotal.putInt(0, 216);
        assertThat(MessageDecoder.decode(wrongTotal)).isNull();
        ByteBuffer wrongBodyLen = observedRecord();
        wrongBodyLen.putInt(84, 8);
        assertThat(MessageDecoder.decode(wrongBodyLen)).isNull();
        assertThat(wrongBodyLen.position()).isZero();
        ByteBuffer badMagic = observedRecord();
        badMagic.putInt(4, 0x12345678);
        assertThat(MessageDecoder.decode(badMagic)).isNull();
    }

    @Test
    void readsPropertiesWithoutTheBodyAndCanSkipTheBody() {
        ByteBuffer b = observedRecord();
        assertThat(MessageDecoder.propertiesString(b)).isEqualTo(PROPS);
        assertThat(MessageDecoder.decodeProperties(b)).containsEntry("TAGS", "TagA").containsEntry("KEYS", "KEY2");
        assertThat(b.position()).isZero();
        MessageExt noBody = MessageDecoder.decode(b, false, false);
        assertThat(noBody.getBody()).isNull();
        assertThat(noBody.getTopic()).isEqualTo("TopicTest");
    }

    @Test
    void inflatesACompressedBodyOnRequest() {
        byte[] plain = "compressed body ".repeat(300).getBytes(StandardCharsets.UTF_8);
        Deflater d = new Deflater(5);
        d.setInput(plain);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        while (!d.finished()) {
            out.write(chunk, 0, d.deflate(chunk));
        }
        byte[] zipped = out.toByteArray();
        byte[] topic = "T".getBytes(StandardCharsets.US_ASCII);
        int total = StoredRecord.recordLength(MessageSysFlag.COMPRESSED_FLAG, zipped.length, 1, 0);
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(total).putInt(StoredRecord.MESSAGE_MAGIC).putInt(0).putInt(0).putInt(0).putLong(0).putLong(0)
                .putInt(MessageSysFlag.COMPRESSED_FLAG);
        b.putLong(1).put(new byte[]{10, 0, 0, 1}).putInt(1).putLong(2).put(new byte[]{10, 0, 0, 2}).putInt(2);
        b.putInt(0).putLong(0).putInt(zipped.length).put(zipped).put((byte) 1).put(topic).putShort((short) 0).flip();

        MessageExt stored = MessageDecoder.decode(b.duplicate());
        assertThat(stored.getBody()).isEqualTo(zipped);
        assertThat(stored.getSysFlag() & MessageSysFlag.COMPRESSED_FLAG).isEqualTo(1);
        MessageExt inflated = MessageDecoder.decode(b.duplicate(), true, true);
        assertThat(inflated.getBody()).isEqualTo(plain);
        assertThat(inflated.getSysFlag() & MessageSysFlag.COMPRESSED_FLAG).isZero();
    }
}
