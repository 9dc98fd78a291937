package io.tidemq.remoting.protocol;

import io.tidemq.remoting.exception.RemotingCommandException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A received JSON header fills a typed header straight from its bytes; whatever the bytes, the result (or the
 * error) is the one the map path gives, and the extFields map is still there for whoever asks afterwards.
 */
class TypedHeaderDecodingTest {

    /** Field types of the request headers (as SEND_MESSAGE_V2's). */
    static final class Sample {
        @Required
        String topic;
        @Required
        Integer queueId;
        Long bornTimestamp;
        int flag;
        long offset;
        Boolean batch;
        boolean unitMode;
        Short shortish;
        Double ratio;

        String describe() {
            return topic + "|" + queueId + "|" + bornTimestamp + "|" + flag + "|" + offset + "|" + batch + "|"
                    + unitMode + "|" + shortish + "|" + ratio;
        }
    }

    private static RemotingCommand received(String extFieldsJson) throws RemotingCommandException {
        byte[] json = ("{\"code\":310,\"extFields\":" + extFieldsJson + ",\"flag\":0,\"language\":\"JAVA\","
                + "\"opaque\":7,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":399}")
                .getBytes(StandardCharsets.UTF_8);
        return JsonHeaderCodec.decode(json, 0, json.length);
    }

    /** Decodes through the bytes, then the same header through the map the bytes give. */
    private static String[] bothWays(String extFieldsJson) throws RemotingCommandException {
        String typed;
        try {
            typed = received(extFieldsJson).decodeHeader(Sample.class).describe();
        } catch (RemotingCommandException e) {
            typed = "error: " + e.getMessage();
        }
        String mapped;
        Map<String, String> map = received(extFieldsJson).getExtFields();
        try {
            mapped = HeaderCodec.decode(Sample.class, map).describe();
        } catch (RemotingCommandException e) {
            mapped = "error: " + e.getMessage();
        }
        return new String[] {typed, mapped};
    }

    @Test
    void plainValuesFillTheHeaderAndTheMapStaysAvailable() throws Exception {
        RemotingCommand cmd = received("{\"topic\":\"T\\u0001x\",\"queueId\":\"3\",\"bornTimestamp\":\"1700000000123\","
                + "\"flag\":\"-5\",\"offset\":\"0\",\"batch\":\"true\",\"unitMode\":\"false\",\"shortish\":\"12\","
                + "\"ratio\":\"0.5\",\"other\":{\"nested\":[1,2]}}");
        Sample s = cmd.decodeHeader(Sample.class);
        assertThat(s.describe()).isEqualTo("T\u0001x|3|1700000000123|-5|0|true|false|12|0.5");
        assertThat(cmd.getExtFields()).containsEntry("queueId", "3").containsEntry("other", "{\"nested\":[1,2]}")
                .hasSize(10);
        assertThat(cmd.decodeHeader(Sample.class).describe()).isEqualTo(s.describe());
    }

    @Test
    void awkwardValuesGiveWhatTheMapPathGives() throws Exception {
        for (String ext : new String[] {
            "{\"topic\":\"T\",\"queueId\":\" 4 \"}",
            "{\"topic\":\"T\",\"queueId\":\"+4\"}",
            "{\"topic\":\"T\",\"queueId\":4}",
            "{\"topic\":\"T\",\"queueId\":\"99999999999\"}",
            "{\"topic\":\"T\",\"queueId\":\"x\"}",
            "{\"topic\":\"T\"}",
            "{\"queueId\":\"1\",\"topic\":null}",
            "{\"topic\":\"T\",\"queueId\":\"1\",\"queueId\":\"2\"}",
            "{\"topic\":\"T\",\"queueId\":\"x\",\"queueId\":\"2\"}",
            "{\"topic\":\"T\",\"queueId\":\"1\",\"queueId\":null}",
            "{\"to\\u0070ic\":\"T\",\"queueId\":\"1\"}",
            "{\"topic\":{\"a\":1},\"queueId\":\"1\"}",
            "{\"topic\":\"T\",\"queueId\":\"1\",\"batch\":\"TRUE\",\"unitMode\":\"yes\"}",
            "{\"topic\":\"T\",\"queueId\":\"1\",\"offset\":\"9223372036854775807\",\"flag\":\"-2147483648\"}",
            "{\"topic\":\"T\",\"queueId\":\"1\",\"offset\":\"9223372036854775808\"}",
            "{\"topic\":'T',\"queueId\":'1'}",
            "{}",
        }) {
            String[] r = bothWays(ext);
            assertThat(r[0]).as(ext).isEqualTo(r[1]);
        }
    }

    @Test
    void malformedExtFieldsAreStillRefusedOnReceipt() {
        for (String ext : new String[] {"{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{a:1}", "{\"a\":tru}",
            "{\"a\":\"x}", "{\"a\":\"1\",}"}) {
            assertThatThrownBy(() -> received(ext)).as(ext).isInstanceOf(RemotingCommandException.class);
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("true", "false", "True", " 7", "7 ", "", "-", "+1", "0x1", "1e3", "00012", "-0",
                        "2147483648", "-2147483649", "1.5", "\u0001\u0002", "\\\"", "中"),
                Arbitraries.strings().ofMaxLength(6));
    }

    @Property(tries = 300)
    void anyValuesGiveWhatTheMapPathGives(@ForAll("values") String topic, @ForAll("values") String queueId,
                                          @ForAll("values") String born, @ForAll("values") String flag,
                                          @ForAll("values") String batch, @ForAll("values") String unit)
            throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("topic", topic);
        m.put("queueId", queueId);
        m.put("bornTimestamp", born);
        m.put("flag", flag);
        m.put("batch", batch);
        m.put("unitMode", unit);
        RemotingCommand source = RemotingCommand.createRequest(310).setExtFields(m);
        byte[] json = JsonHeaderCodec.encode(source);
        String ext = new String(json, StandardCharsets.UTF_8);
        ext = ext.substring(ext.indexOf("\"extFields\":") + 12, ext.lastIndexOf(",\"flag\":"));
        String[] r = bothWays(ext);
        assertThat(r[0]).isEqualTo(r[1]);
        assertThat(Objects.requireNonNull(received(ext).getExtFields())).isEqualTo(m);
    }
}
