package io.tidemq.common.protocol.body;

import io.tidemq.common.DataVersion;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.common.topic.TopicFilterType;
import org.apache.rocketmq.common.UtilAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both body forms against the OFFICIAL 4.9.3 RegisterBrokerBody (encode and decode), as brokers send them. */
class RegisterBrokerBodyCodecTest {

    private static org.apache.rocketmq.common.protocol.body.RegisterBrokerBody officialBody() {
        org.apache.rocketmq.common.protocol.body.RegisterBrokerBody body =
                new org.apache.rocketmq.common.protocol.body.RegisterBrokerBody();
        org.apache.rocketmq.common.DataVersion dv = new org.apache.rocketmq.common.DataVersion();
        dv.setTimestamp(1795777171570L);
        dv.setCounter(new AtomicLong(42));
        body.getTopicConfigSerializeWrapper().setDataVersion(dv);
        org.apache.rocketmq.common.TopicConfig tbw = new org.apache.rocketmq.common.TopicConfig("TBW102", 8, 8, 7);
        org.apache.rocketmq.common.TopicConfig t = new org.apache.rocketmq.common.TopicConfig("TopicTest", 4, 2, 6);
        t.setTopicFilterType(org.apache.rocketmq.common.TopicFilterType.MULTI_TAG);
        t.setTopicSysFlag(3);
        t.setOrder(true);
        body.getTopicConfigSerializeWrapper().getTopicConfigTable().put("TBW102", tbw);
        body.getTopicConfigSerializeWrapper().getTopicConfigTable().put("TopicTest", t);
        body.setFilterServerList(List.of("127.0.0.1:30000"));
        return body;
    }

    @Test
    void decodesTheOfficialCompressedForm() {
        byte[] wire = officialBody().encode(true);

        RegisterBrokerBody ours = RegisterBrokerBodyCodec.decode(wire, true, 399);

        assertThat(ours.topicConfigSerializeWrapper.dataVersion).isEqualTo(new DataVersion(1795777171570L, 42));
        assertThat(ours.topicConfigSerializeWrapper.topicConfigTable).containsOnlyKeys("TBW102", "TopicTest");
        TopicConfig t = ours.topicConfigSerializeWrapper.topicConfigTable.get("TopicTest");
        assertThat(t.readQueueNums).isEqualTo(4);
        assertThat(t.writeQueueNums).isEqualTo(2);
        assertThat(t.perm).isEqualTo(6);
        assertThat(t.topicFilterType).isEqualTo(TopicFilterType.MULTI_TAG);
        // the compressed form does not carry these two
        assertThat(t.topicSysFlag).isZero();
        assertThat(t.order).isFalse();
        assertThat(ours.topicConfigSerializeWrapper.topicConfigTable.get("TBW102").perm).isEqualTo(7);
        assertThat(ours.filterServerList).containsExactly("127.0.0.1:30000");
    }

    @Test
    void decodesTheOfficialJsonForm() {
        byte[] wire = officialBody().encode(false);

        RegisterBrokerBody ours = RegisterBrokerBodyCodec.decode(wire, false, 399);

        TopicConfig t = ours.topicConfigSerializeWrapper.topicConfigTable.get("TopicTest");
        assertThat(t.topicSysFlag).isEqualTo(3);
        assertThat(t.order).isTrue();
        assertThat(t.topicFilterType).isEqualTo(TopicFilterType.MULTI_TAG);
        assertThat(ours.topicConfigSerializeWrapper.dataVersion).isEqualTo(new DataVersion(1795777171570L, 42));
        assertThat(ours.filterServerList).containsExactly("127.0.0.1:30000");
    }

    @Test
    void oldBrokersSendABareTopicConfigWrapper() {
        byte[] wire = officialBody().getTopicConfigSerializeWrapper().encode();

        RegisterBrokerBody ours = RegisterBrokerBodyCodec.decode(wire, false, 36);

        assertThat(ours.topicConfigSerializeWrapper.topicConfigTable).containsOnlyKeys("TBW102", "TopicTest");
        assertThat(ours.filterServerList).isEmpty();
    }

    @Test
    void emptyBodyMeansNoTopicsAndVersionZero() {
        RegisterBrokerBody ours = RegisterBrokerBodyCodec.decode(null, false, 399);
        assertThat(ours.topicConfigSerializeWrapper.topicConfigTable).isEmpty();
        assertThat(ours.topicConfigSerializeWrapper.dataVersion).isEqualTo(new DataVersion(0, 0));
    }

    @Test
    void officialDecoderReadsOurCompressedAndJsonForms() throws Exception {
        RegisterBrokerBody ours = new RegisterBrokerBody();
        ours.topicConfigSerializeWrapper.dataVersion = new DataVersion(77, 3);
        TopicConfig tc = new TopicConfig("TopicX", 3, 5, 6);
        tc.topicSysFlag = 2;
        ours.topicConfigSerializeWrapper.topicConfigTable.put("TopicX", tc);

        for (boolean compressed : new boolean[]{true, false}) {
            var theirs = org.apache.rocketmq.common.protocol.body.RegisterBrokerBody.decode(
                    RegisterBrokerBodyCodec.encode(ours, compressed), compressed);
            var x = theirs.getTopicConfigSerializeWrapper().getTopicConfigTable().get("TopicX");
            assertThat(x.getReadQueueNums()).isEqualTo(3);
            assertThat(x.getWriteQueueNums()).isEqualTo(5);
            assertThat(x.getPerm()).isEqualTo(6);
            assertThat(x.getTopicSysFlag()).isEqualTo(compressed ? 0 : 2);
            assertThat(theirs.getTopicConfigSerializeWrapper().getDataVersion().getCounter().get()).isEqualTo(3);
            assertThat(theirs.getTopicConfigSerializeWrapper().getDataVersion().getTimestamp()).isEqualTo(77);
        }
    }

    @Test
    void crcMatchesTheOfficialMaskedCrc32() {
        byte[] wire = officialBody().encode(false);
        assertThat(RegisterBrokerBodyCodec.crc32(wire)).isEqualTo(UtilAll.crc32(wire));
        assertThat(RegisterBrokerBodyCodec.crc32(wire)).isNotNegative();
    }

    @Test
    void truncatedOrGarbageBodiesAreRejectedWithAReason() {
        byte[] wire = officialBody().encode(true);
        byte[] truncatedStream = Arrays.copyOf(wire, wire.length / 2);
        assertThatThrownBy(() -> RegisterBrokerBodyCodec.decode(truncatedStream, true, 399))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compressed register body");
        assertThatThrownBy(() -> RegisterBrokerBodyCodec.decode("not zlib".getBytes(), true, 399))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegisterBrokerBodyCodec.decode("{broken".getBytes(), false, 399))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RegisterBrokerBody");
        // the JSON literal null parsed to no body at all, and registration then failed with a NullPointerException
        assertThatThrownBy(() -> RegisterBrokerBodyCodec.decode("null".getBytes(), false, 399))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> RegisterBrokerBodyCodec.decode(" null ".getBytes(), false, 36))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    @Test
    void hostileLengthsAreRejectedWithoutAllocating() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(new byte[]{0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // DataVersion length 2 GB
        }
        assertThatThrownBy(() -> RegisterBrokerBodyCodec.decode(bytes.toByteArray(), true, 399))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }

    @Test
    void badTopicLineIsRejected() {
        assertThatThrownBy(() -> RegisterBrokerBodyCodec.fromLine("T 1 2"))
                .hasMessageContaining("bad topic config line 'T 1 2'");
        assertThatThrownBy(() -> RegisterBrokerBodyCodec.fromLine("T 1 2 6 NO_SUCH_TYPE"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RegisterBrokerBodyCodec.toLine(RegisterBrokerBodyCodec.fromLine("T 1 2 6 SINGLE_TAG")))
                .isEqualTo("T 1 2 6 SINGLE_TAG");
    }
}
