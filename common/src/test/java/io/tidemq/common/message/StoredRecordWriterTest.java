package io.tidemq.common.message;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored-record writer against the observed record and the official client's decoder. */
class StoredRecordWriterTest {
    @Test
    void writesTheObservedRecordBackByteForByte() {
        ByteBuffer observed = MessageDecoderTest.observedRecord();
        MessageExt m = MessageDecoder.decode(observed.duplicate());
        byte[] written = StoredRecordWriter.write(m);
        byte[] expected = new byte[observed.remaining()];
        observed.duplicate().get(expected);
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void ipv6HostsAndChangedFieldsSurviveTheClientsDecoder() throws Exception {
        MessageExt m = new MessageExt();
        m.setTopic("RealTopic");
        m.setQueueId(3);
        m.setFlag(7);
        m.setQueueOffset(42);
        m.setCommitLogOffset(123_456);
        m.setSysFlag(MessageSysFlag.TRANSACTION_PREPARED_TYPE);
        m.setBornTimestamp(1_700_000_000_000L);
        m.setStoreTimestamp(1_700_000_000_005L);
        m.setBornHost(new InetSocketAddress(InetAddress.getByName("::1"), 5000));
        m.setStoreHost(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10911));
        m.setReconsumeTimes(2);
        m.setPreparedTransactionOffset(99);
        m.setBody("transactional body".getBytes(StandardCharsets.UTF_8));
        m.setProperties(new java.util.LinkedHashMap<>(Map.of("PGROUP", "PG", "TRANSACTION_CHECK_TIMES", "3")));

        org.apache.rocketmq.common.message.MessageExt official = org.apache.rocketmq.common.message.MessageDecoder
                .decode(ByteBuffer.wrap(StoredRecordWriter.write(m)));
        assertThat(official.getTopic()).isEqualTo("RealTopic");
        assertThat(official.getQueueId()).isEqualTo(3);
        assertThat(official.getFlag()).isEqualTo(7);
        assertThat(official.getQueueOffset()).isEqualTo(42);
        assertThat(official.getCommitLogOffset()).isEqualTo(123_456);
        assertThat(official.getBornTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(official.getStoreTimestamp()).isEqualTo(1_700_000_000_005L);
        assertThat(official.getBornHostString()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(official.getStoreHost()).isEqualTo(m.getStoreHost());
        assertThat(official.getReconsumeTimes()).isEqualTo(2);
        assertThat(official.getPreparedTransactionOffset()).isEqualTo(99);
        assertThat(new String(official.getBody(), StandardCharsets.UTF_8)).isEqualTo("transactional body");
        assertThat(official.getProperties()).containsEntry("PGROUP", "PG")
                .containsEntry("TRANSACTION_CHECK_TIMES", "3");
        assertThat(official.getBodyCRC()).isEqualTo(MessageDecoder.decode(ByteBuffer.wrap(StoredRecordWriter.write(m)))
                .getBodyCRC());
    }
}
