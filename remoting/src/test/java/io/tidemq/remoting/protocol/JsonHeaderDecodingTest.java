package io.tidemq.remoting.protocol;

import io.tidemq.remoting.exception.RemotingCommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the JSON header reader accepts beyond our own output, and what it rejects. */
class JsonHeaderDecodingTest {
    private static RemotingCommand decode(String json) throws RemotingCommandException {
        return JsonHeaderCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void missingMembersKeepTheOfficialDefaults() throws Exception {
        RemotingCommand cmd = decode("{}");

        assertThat(cmd.getCode()).isZero();
        assertThat(cmd.getFlag()).isZero();
        assertThat(cmd.getVersion()).isZero();
        assertThat(cmd.getOpaque()).isZero();
        assertThat(cmd.getLanguage()).isEqualTo(LanguageCode.JAVA);
        assertThat(cmd.getRemark()).isNull();
        assertThat(cmd.getExtFields()).isNull();
        assertThat(cmd.getSerializeType()).isEqualTo(SerializeType.JSON);
    }

    @Test
    void whitespaceOrderAndUnknownMembersOfEveryTypeAreTolerated() throws Exception {
        String json = " {\n\t\"version\" : 399 ,\r\n \"unknownObj\": {\"a\": [1, {\"b\": null}, \"x\\\"y\"], \"c\": {}},"
                + " \"unknownArr\": [true, false, null, -1.5e3, [], \"}\"], \"unknownNum\": 12.5, \"unknownTrue\": true,"
                + " \"unknownNull\": null, \"unknownStr\": \"\\u0041{\", \"code\" : 34, \"flag\":2,"
                + " \"language\":\"CPP\", \"opaque\": -7, \"remark\": \"r\", \"serializeTypeCurrentRPC\": \"JSON\","
                + " \"extFields\" : { \"k\" : \"v\" } } \n";

        RemotingCommand cmd = decode(json);

        assertThat(cmd.getCode()).isEqualTo(34);
        assertThat(cmd.getFlag()).isEqualTo(2);
        assertThat(cmd.getVersion()).isEqualTo(399);
        assertThat(cmd.getOpaque()).isEqualTo(-7);
        assertThat(cmd.getLanguage()).isEqualTo(LanguageCode.CPP);
        assertThat(cmd.getRemark()).isEqualTo("r");
        assertThat(cmd.getExtFields()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void scalarExtFieldValuesBecomeStringsAndNullsAreDropped() throws Exception {
        RemotingCommand cmd = decode("{\"code\":11,\"extFields\":{\"queueId\":3,\"queueOffset\":-12,"
                + "\"ratio\":1.5E2,\"unitMode\":false,\"batch\":true,\"gone\":null,\"nested\":{\"a\":[1,2]}}}");

        assertThat(cmd.getExtFields()).containsOnly(
                Map.entry("queueId", "3"),
                Map.entry("queueOffset", "-12"),
                Map.entry("ratio", "1.5E2"),
                Map.entry("unitMode", "false"),
                Map.entry("batch", "true"),
                Map.entry("nested", "{\"a\":[1,2]}"));
    }

    @Test
    void unicodeEscapesIncludingSurrogatePairsAreDecoded() throws Exception {
        RemotingCommand cmd = decode("{\"remark\":\"a\\u0001b\\u0002c\\uD83D\\ude00\\u4E2D\\\"\\\\\\/\\b\\f\\n\\r\\t\","
                + "\"extFields\":{\"\\u006b\":\"\\u00e9 raw é 中 \uD83D\uDE00\"}}");

        assertThat(cmd.getRemark()).isEqualTo("a\u0001b\u0002c\uD83D\uDE00中\"\\/\b\f\n\r\t");
        assertThat(cmd.getExtFields()).containsExactly(Map.entry("k", "é raw é 中 \uD83D\uDE00"));
    }

    @Test
    void aLoneSurrogateSurvivesOurOwnEncoding() throws Exception {
        // found by JsonHeaderFuzzTest: written as UTF-8 it became '?', so an echoed header differed from the request
        RemotingCommand cmd = decode("{\"remark\":\"x\\udedaY\\uD83D\",\"extFields\":{\"k\\uDEDA\":\"v\"}}");
        HeaderWriter w = new HeaderWriter(64);
        JsonHeaderCodec.encode(cmd, w);
        RemotingCommand again = JsonHeaderCodec.decode(java.util.Arrays.copyOf(w.array(), w.size()));

        assertThat(again.getRemark()).isEqualTo("x\udedaY\ud83d");
        assertThat(again.getExtFields()).containsExactly(Map.entry("k\udeda", "v"));
    }

    @Test
    void lenientFormsFastjsonAlsoAccepts() throws Exception {
        RemotingCommand cmd = decode("{'code':'105','opaque':\" 9 \",'language':'GO','version':1.0,"
                + "'extFields':{'topic':'T\\x41'},'flag':null}");

        assertThat(cmd.getCode()).isEqualTo(105);
        assertThat(cmd.getOpaque()).isEqualTo(9);
        assertThat(cmd.getLanguage()).isEqualTo(LanguageCode.GO);
        assertThat(cmd.getVersion()).isEqualTo(1);
        assertThat(cmd.getFlag()).isZero();
        assertThat(cmd.getExtFields()).containsExactly(Map.entry("topic", "TA"));
    }

    @Test
    void languageNamesWeDoNotKnowBecomeOther() throws Exception {
        assertThat(decode("{\"language\":\"RUST\"}").getLanguage()).isEqualTo(LanguageCode.OTHER);
        assertThat(decode("{\"language\":9}").getLanguage()).isEqualTo(LanguageCode.GO);
    }

    @Test
    void emptyExtFieldsObjectStaysAnEmptyMap() throws Exception {
        assertThat(decode("{\"extFields\":{ }}").getExtFields()).isEmpty();
        assertThat(decode("{\"extFields\":null}").getExtFields()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "[]",
        "{",
        "{\"code\":1",
        "{\"code\":}",
        "{\"code\":1,}",
        "{\"code\" 1}",
        "{code:1}",
        "{\"code\":1} trailing",
        "{\"code\":\"abc\"}",
        "{\"code\":99999999999}",
        "{\"code\":true}",
        "{\"remark\":\"unterminated}",
        "{\"remark\":\"bad escape \\q\"}",
        "{\"remark\":\"short escape \\u12\"}",
        "{\"remark\":\"bad hex \\u12G4\"}",
        "{\"extFields\":{\"k\":\"v\"",
        "{\"extFields\":{k:\"v\"}}",
        "{\"extFields\":[]}",
        "{\"x\":tru}",
        "{\"x\":nul}",
        "{\"x\":[1 2]}",
    })
    void malformedHeadersAreRejected(String json) {
        assertThatThrownBy(() -> decode(json)).isInstanceOf(RemotingCommandException.class)
                .hasMessageContaining("malformed JSON header");
    }

    @Test
    void absurdNestingIsRejectedWithoutBlowingTheStack() {
        String json = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThatThrownBy(() -> decode(json)).isInstanceOf(RemotingCommandException.class)
                .hasMessageContaining("nesting too deep");
    }

    @Test
    void decodesOnlyTheGivenRegionOfTheArray() throws Exception {
        byte[] bytes = "xx{\"code\":5}yy".getBytes(StandardCharsets.US_ASCII);

        assertThat(JsonHeaderCodec.decode(bytes, 2, bytes.length - 4).getCode()).isEqualTo(5);
    }
}
