package io.tidemq.store;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.fuzz.FuzzCases;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEND_BATCH_MESSAGE bodies, arbitrary or well-formed and then damaged: the broker's batch encoder either refuses the
 * whole batch or turns every entry into one stored record whose body, flag and properties are the entry's own (plus
 * the batch's properties), records that the store's own reader parses back; a malformed batch never stores a part.
 */
class BatchBodyFuzzTest {
    private static final int MAX_MESSAGE_SIZE = 256 * 1024;
    private static final RecordEncoder ENCODER = new RecordEncoder(MAX_MESSAGE_SIZE);
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    @FuzzTest(maxDuration = "20s")
    void everyEntryOrNothing(FuzzedDataProvider data) {
        FuzzCases.ran("batch body");
        String batchProps = data.consumeBoolean() ? "" : data.consumeString(30)
                .replace('|', MessageConst.PROPERTY_SEPARATOR).replace('=', MessageConst.NAME_VALUE_SEPARATOR);
        byte[] body = data.consumeBoolean() ? wellFormed(data) : data.consumeRemainingAsBytes();
        if (data.remainingBytes() > 4 && body.length > 0) {
            body[data.consumeInt(0, body.length - 1)] = data.consumeByte(); // damage one byte, or not
        }
        MessageExtBatch batch = new MessageExtBatch();
        batch.setTopic("FuzzTopic");
        batch.setQueueId(0);
        batch.setBody(body);
        batch.setPropertiesString(batchProps);
        batch.setBornHost(HOST);
        batch.setStoreHost(HOST);

        List<Entry> expected = Entry.parse(body);
        PutMessageStatus status = ENCODER.encodeBatch(batch);
        if (status != null) {
            assertThat(ENCODER.count()).as("records left after a refusal").isZero();
            return;
        }
        assertThat(expected).as("accepted a batch the format does not allow").isNotNull().isNotEmpty();
        ByteBuffer records = ENCODER.buffer().duplicate().position(0).limit(ENCODER.totalBytes()).slice();
        List<MessageExt> stored = MessageDecoder.decodes(records.duplicate());
        assertThat(stored).hasSize(expected.size());
        assertThat(records.duplicate().position(records.limit()).hasRemaining()).isFalse();
        int pos = 0;
        for (int i = 0; i < stored.size(); i++) {
            Entry e = expected.get(i);
            MessageExt m = stored.get(i);
            assertThat(m.getBody()).isEqualTo(e.body);
            assertThat(m.getFlag()).isEqualTo(e.flag);
            assertThat(m.getTopic()).isEqualTo("FuzzTopic");
            String joined = e.props.isEmpty() ? batchProps
                    : batchProps.isEmpty() ? e.props : e.props + MessageConst.PROPERTY_SEPARATOR + batchProps;
            assertThat(MessageDecoder.propertiesString(records.duplicate().position(pos))).isEqualTo(joined);
            pos += m.getStoreSize();
        }
        assertThat(pos).isEqualTo(ENCODER.totalBytes());
    }

    /** A batch body as the 4.9 client encodes it, with entries drawn from the fuzzer's data. */
    private static byte[] wellFormed(FuzzedDataProvider data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = data.consumeInt(1, 8);
        for (int i = 0; i < n; i++) {
            byte[] b = data.consumeBytes(data.consumeInt(0, 300));
            byte[] p = data.consumeString(40).replace('|', MessageConst.PROPERTY_SEPARATOR)
                    .replace('=', MessageConst.NAME_VALUE_SEPARATOR).getBytes(StandardCharsets.UTF_8);
            ByteBuffer e = ByteBuffer.allocate(20 + b.length + 2 + p.length);
            e.putInt(e.capacity()).putInt(0).putInt(0).putInt(data.consumeInt()).putInt(b.length).put(b)
                    .putShort((short) p.length).put(p);
            out.writeBytes(e.array());
        }
        return out.toByteArray();
    }

    /** The test's own reading of the batch format (protocol.md 4.2), to compare the encoder against. */
    private record Entry(int flag, byte[] body, String props) {
        /** The entries, or null when the body is not a well-formed batch. */
        static List<Entry> parse(byte[] body) {
            List<Entry> entries = new ArrayList<>();
            ByteBuffer in = ByteBuffer.wrap(body);
            while (in.hasRemaining()) {
                if (in.remaining() < 22) {
                    return null;
                }
                int start = in.position();
                int size = in.getInt();
                in.getInt();
                in.getInt();
                int flag = in.getInt();
                int bodyLen = in.getInt();
                if (bodyLen < 0 || bodyLen > in.remaining() - 2) {
                    return null;
                }
                byte[] b = new byte[bodyLen];
                in.get(b);
                int propsLen = in.getShort();
                if (propsLen < 0 || propsLen > in.remaining() || size != in.position() - start + propsLen) {
                    return null;
                }
                byte[] p = new byte[propsLen];
                in.get(p);
                entries.add(new Entry(flag, b, new String(p, StandardCharsets.UTF_8)));
            }
            return entries;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.flag == flag && Arrays.equals(e.body, body) && e.props.equals(props);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(body);
        }
    }
}
