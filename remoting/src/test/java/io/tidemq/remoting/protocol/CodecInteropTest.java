package io.tidemq.remoting.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.tidemq.remoting.protocol.OfficialCodec.officialDecode;
import static io.tidemq.remoting.protocol.OfficialCodec.officialFrame;
import static io.tidemq.remoting.protocol.OfficialCodec.orEmpty;
import static io.tidemq.remoting.protocol.OfficialCodec.ourDecode;
import static io.tidemq.remoting.protocol.OfficialCodec.ourFrame;
import static io.tidemq.remoting.protocol.OfficialCodec.toOfficial;
import static org.assertj.core.api.Assertions.assertThat;

/** Frames written by our codec and by the official 4.9.3 RemotingCommand are interchangeable, both header types. */
class CodecInteropTest {
    /** Values that have broken JSON codecs before: separators, escapes, controls, non-BMP characters. */
    static final List<String> AWKWARD = List.of(
            "KEYS\u0001KEY0\u0002UNIQ_KEY\u0001FD000000\u0002WAIT\u0001true\u0002TAGS\u0001TagA",
            "quote\" backslash\\ slash/ single'",
            "line1\nline2\r\ttab\b\f",
            "中文消息 with ascii",
            "emoji \uD83D\uDE00 and \uD83C\uDF89",
            "controls \u0000\u0003\u001F\u007F\u0080\u0085\u009F\u00A0\u2028\u2029",
            "",
            " leading and trailing ");

    static Stream<Arguments> commands() {
        return Stream.of(SerializeType.JSON, SerializeType.ROCKETMQ).flatMap(type -> Stream.of(
                Arguments.of(type, "request with awkward extFields and body", awkwardRequest(type)),
                Arguments.of(type, "error response with remark, no extFields", errorResponse(type)),
                Arguments.of(type, "oneway with empty extFields", onewayEmptyExt(type)),
                Arguments.of(type, "negative opaque, other language", oddNumbers(type))));
    }

    static RemotingCommand awkwardRequest(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createRequest(310);
        HashMap<String, String> ext = new HashMap<>();
        for (int i = 0; i < AWKWARD.size(); i++) {
            ext.put(String.valueOf((char) ('a' + i)), AWKWARD.get(i));
        }
        ext.put("key with \"quote\" and 中", "v");
        cmd.setExtFields(ext);
        cmd.setRemark("remark \u0001 \"x\" \\ 中 \uD83D\uDE00\n");
        cmd.setBody("body bytes \u0000\u00ff 中".getBytes(StandardCharsets.UTF_8));
        cmd.setOpaque(12345);
        cmd.setSerializeType(type);
        return cmd;
    }

    static RemotingCommand errorResponse(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createResponse(17,
                "No topic route info in name server for the topic: TopicTest\nSee http://rocketmq.apache.org/docs/faq/ for further details.");
        cmd.setOpaque(7);
        cmd.setSerializeType(type);
        return cmd;
    }

    static RemotingCommand onewayEmptyExt(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createRequest(15);
        cmd.setExtFields(new HashMap<>());
        cmd.markOneway();
        cmd.setBody(new byte[]{1, 2, 3});
        cmd.setSerializeType(type);
        return cmd;
    }

    static RemotingCommand oddNumbers(SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createRequest(32000);
        cmd.setOpaque(-2);
        cmd.setFlag(3);
        cmd.setVersion(32767);
        cmd.setLanguage(LanguageCode.GO);
        cmd.addExtField("n", "-1");
        cmd.setSerializeType(type);
        return cmd;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("commands")
    void officialDecoderReadsOurFrames(SerializeType type, String name, RemotingCommand ours) throws Exception {
        org.apache.rocketmq.remoting.protocol.RemotingCommand theirs = officialDecode(ourFrame(ours));

        assertThat(theirs.getSerializeTypeCurrentRPC().name()).isEqualTo(type.name());
        assertThat(theirs.getCode()).isEqualTo(ours.getCode());
        assertThat(theirs.getFlag()).isEqualTo(ours.getFlag());
        assertThat(theirs.getOpaque()).isEqualTo(ours.getOpaque());
        assertThat(theirs.getVersion()).isEqualTo(ours.getVersion());
        assertThat(theirs.getLanguage().name()).isEqualTo(ours.getLanguage().name());
        assertThat(theirs.getRemark()).isEqualTo(ours.getRemark());
        assertThat(orEmpty(theirs.getExtFields())).isEqualTo(orEmpty(ours.getExtFields()));
        assertThat(theirs.getBody()).isEqualTo(ours.getBody());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("commands")
    void ourDecoderReadsOfficialFrames(SerializeType type, String name, RemotingCommand original) throws Exception {
        org.apache.rocketmq.remoting.protocol.RemotingCommand theirs = toOfficial(original);

        RemotingCommand decoded = ourDecode(officialFrame(theirs));

        assertThat(decoded.getSerializeType()).isEqualTo(type);
        assertThat(decoded.getCode()).isEqualTo(original.getCode());
        assertThat(decoded.getFlag()).isEqualTo(original.getFlag());
        assertThat(decoded.getOpaque()).isEqualTo(original.getOpaque());
        assertThat(decoded.getVersion()).isEqualTo(original.getVersion());
        assertThat(decoded.getLanguage()).isEqualTo(original.getLanguage());
        assertThat(decoded.getRemark()).isEqualTo(original.getRemark());
        assertThat(orEmpty(decoded.getExtFields())).isEqualTo(orEmpty(original.getExtFields()));
        assertThat(decoded.getBody()).isEqualTo(original.getBody());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("commands")
    void ourFramesAreByteIdenticalToOfficialFrames(SerializeType type, String name, RemotingCommand ours) {
        byte[] expected = officialFrame(toOfficial(ours));

        assertThat(ourFrame(ours)).isEqualTo(expected);
    }

    @Test
    void jsonRequestMatchesTheObservedWireBytes() {
        RemotingCommand cmd = RemotingCommand.createRequest(105).addExtField("topic", "TopicTest");
        cmd.setOpaque(0);
        cmd.setVersion(0);

        byte[] frame = ourFrame(cmd);

        String json = "{\"code\":105,\"extFields\":{\"topic\":\"TopicTest\"},\"flag\":0,\"language\":\"JAVA\","
                + "\"opaque\":0,\"serializeTypeCurrentRPC\":\"JSON\",\"version\":0}";
        assertThat(HexFormat.of().formatHex(frame, 0, 8)).isEqualTo("0000008500000081");
        assertThat(new String(frame, 8, frame.length - 8, StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void binaryRequestMatchesTheObservedWireBytes() {
        RemotingCommand cmd = RemotingCommand.createRequest(105).addExtField("topic", "TopicTest");
        cmd.setOpaque(0);
        cmd.setVersion(0);
        cmd.setSerializeType(SerializeType.ROCKETMQ);

        String hex = HexFormat.of().formatHex(ourFrame(cmd));

        assertThat(hex).isEqualTo("0000002d01000029" + "0069" + "00" + "0000" + "00000000" + "00000000" + "00000000"
                + "00000014" + "0005" + HexFormat.of().formatHex("topic".getBytes(StandardCharsets.US_ASCII))
                + "00000009" + HexFormat.of().formatHex("TopicTest".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void newCommandsCarryTheCurrentVersion() {
        assertThat(RemotingCommand.createRequest(34).getVersion()).isEqualTo(399);
        assertThat(RemotingCommand.createResponse(0, null).getVersion()).isEqualTo(399);
        assertThat(new String(JsonHeaderCodec.encode(RemotingCommand.createResponse(0, null)),
                StandardCharsets.UTF_8)).endsWith(",\"version\":399}").contains("\"flag\":1");
    }
}
