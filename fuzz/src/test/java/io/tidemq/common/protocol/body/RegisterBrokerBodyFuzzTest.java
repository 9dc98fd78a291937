package io.tidemq.common.protocol.body;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.fuzz.FuzzCases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.TreeMap;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NameServer's REGISTER_BROKER body in its three forms (old topic-table JSON, full JSON, the deflated binary
 * form), arbitrary: it decodes to a body with every part present, or is refused with an
 * {@link IllegalArgumentException} that says why; a decoded body encodes back to one with the same topics.
 */
class RegisterBrokerBodyFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void decodeOrRefuse(FuzzedDataProvider data) throws IOException {
        FuzzCases.ran("register broker body");
        int form = data.consumeInt(0, 3);
        byte[] bytes = data.consumeRemainingAsBytes();
        boolean compressed = form >= 2;
        if (form == 3) {
            // deflate the input so the fuzzer explores the binary layout rather than the deflate stream
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
                z.write(bytes);
            }
            bytes = out.toByteArray();
        }
        int version = form == 0 ? RegisterBrokerBodyCodec.FIRST_VERSION_WITH_FULL_BODY - 1
                : RegisterBrokerBodyCodec.FIRST_VERSION_WITH_FULL_BODY;
        RegisterBrokerBody body;
        try {
            body = RegisterBrokerBodyCodec.decode(bytes, compressed, version);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(body).isNotNull();
        assertThat(body.topicConfigSerializeWrapper).isNotNull();
        assertThat(body.topicConfigSerializeWrapper.dataVersion).isNotNull();
        assertThat(body.topicConfigSerializeWrapper.topicConfigTable).isNotNull();
        assertThat(body.filterServerList).isNotNull();
        for (TopicConfig tc : body.topicConfigSerializeWrapper.topicConfigTable.values()) {
            assertThat(tc.topicName).isNotNull();
        }
        if (form == 0) {
            return; // the old form carries only the topic table; there is no encoder for it
        }
        RegisterBrokerBody again = RegisterBrokerBodyCodec.decode(RegisterBrokerBodyCodec.encode(body, compressed),
                compressed, version);
        assertThat(new TreeMap<>(again.topicConfigSerializeWrapper.topicConfigTable).keySet())
                .isEqualTo(new TreeMap<>(body.topicConfigSerializeWrapper.topicConfigTable).keySet());
        assertThat(again.filterServerList).isEqualTo(body.filterServerList);
    }
}
