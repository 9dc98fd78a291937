package io.tidemq.common.message;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemq.fuzz.FuzzCases;
import io.tidemq.fuzz.Printable;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property strings as clients send them, arbitrary: decoding never fails, the map-free lookup filters use agrees with
 * the decoded map for every name (present or not), and the decoded map survives encoding.
 */
class MessagePropertiesFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void lookupAgreesWithDecode(FuzzedDataProvider data) {
        FuzzCases.ran("property string");
        String probe = data.consumeString(8);
        // the two separators are rare in random text: give the fuzzer a cheap way to them
        String props = data.consumeRemainingAsString().replace('|', MessageConst.PROPERTY_SEPARATOR)
                .replace('=', MessageConst.NAME_VALUE_SEPARATOR);
        Map<String, String> map = MessageProperties.decode(props);
        for (Map.Entry<String, String> e : map.entrySet()) {
            assertThat(MessageProperties.find(props, e.getKey())).as("find(%s)", Printable.of(e.getKey())).isEqualTo(e.getValue());
        }
        if (!probe.isEmpty()) {
            assertThat(MessageProperties.find(props, probe)).as("find(%s) in %s", Printable.of(probe), Printable.of(props)).isEqualTo(map.get(probe));
        }
        assertThat(MessageProperties.decode(MessageProperties.encode(map))).isEqualTo(map);
    }
}
