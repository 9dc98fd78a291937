package io.tidemq.remoting.protocol;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tidemq.remoting.protocol.OfficialCodec.officialDecode;
import static io.tidemq.remoting.protocol.OfficialCodec.officialFrame;
import static io.tidemq.remoting.protocol.OfficialCodec.orEmpty;
import static io.tidemq.remoting.protocol.OfficialCodec.ourDecode;
import static io.tidemq.remoting.protocol.OfficialCodec.ourFrame;
import static io.tidemq.remoting.protocol.OfficialCodec.toOfficial;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random headers (strings over all of Unicode, weighted towards control characters, quotes and backslashes)
 * survive our codec, and agree with the official codec in both directions.
 */
class HeaderRoundTripPropertyTest {
    @Provide
    Arbitrary<String> awkwardStrings() {
        Arbitrary<Integer> special = Arbitraries.of(0x00, 0x01, 0x02, 0x08, 0x0A, 0x0D, 0x1F, 0x22, 0x5C, 0x2F, 0x27,
                0x7F, 0x80, 0x9F, 0xA0, 0x2028, 0x2029, 0xFEFF, 0xFFFF, 0x4E2D, 0x1F600, 0x10FFFF);
        Arbitrary<Integer> anyCodePoint = Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF);
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7E);
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, ascii), net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(3, anyCodePoint));
        return codePoint.list().ofMaxSize(40).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<RemotingCommand> commands() {
        Arbitrary<Map<String, String>> ext = Arbitraries.maps(awkwardStrings(), awkwardStrings()).ofMaxSize(8)
                .injectNull(0.1);
        Arbitrary<String> remark = awkwardStrings().injectNull(0.3);
        Arbitrary<List<Integer>> numbers = Arbitraries.integers().between(-32768, 32767).list().ofSize(4);
        Arbitrary<LanguageCode> language = Arbitraries.of(LanguageCode.class);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).injectNull(0.3);
        return Combinators.combine(ext, remark, numbers, language, body).as((e, r, n, l, b) -> {
            RemotingCommand cmd = RemotingCommand.createRequest(n.get(0));
            cmd.setFlag(n.get(1) & 3);
            cmd.setOpaque(n.get(2) * 65537);
            cmd.setVersion(n.get(3));
            cmd.setLanguage(l);
            cmd.setRemark(r);
            cmd.setExtFields(e == null ? null : new HashMap<>(e));
            cmd.setBody(b == null || b.length == 0 ? null : b);
            return cmd;
        });
    }

    @Property(tries = 300)
    void jsonRoundTripPreservesEveryField(@ForAll("commands") RemotingCommand cmd) throws Exception {
        RemotingCommand back = JsonHeaderCodec.decode(JsonHeaderCodec.encode(cmd));

        assertThat(back.getCode()).isEqualTo(cmd.getCode());
        assertThat(back.getFlag()).isEqualTo(cmd.getFlag());
        assertThat(back.getOpaque()).isEqualTo(cmd.getOpaque());
        assertThat(back.getVersion()).isEqualTo(cmd.getVersion());
        assertThat(back.getLanguage()).isEqualTo(cmd.getLanguage());
        assertThat(back.getRemark()).isEqualTo(cmd.getRemark());
        assertThat(back.getExtFields()).isEqualTo(cmd.getExtFields());
    }

    @Property(tries = 300)
    void jsonEncodingIsWhatFastjsonWrites(@ForAll("commands") RemotingCommand cmd) {
        assertThat(new String(ourFrame(cmd), StandardCharsets.UTF_8))
                .isEqualTo(new String(officialFrame(toOfficial(cmd)), StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void bothSerializeTypesInteroperateWithTheOfficialCodec(@ForAll("commands") RemotingCommand cmd,
                                                           @ForAll SerializeType type) throws Exception {
        cmd.setSerializeType(type);

        org.apache.rocketmq.remoting.protocol.RemotingCommand theirs = officialDecode(ourFrame(cmd));
        RemotingCommand ours = ourDecode(officialFrame(toOfficial(cmd)));

        // The binary format cannot tell an empty remark or map from a missing one.
        String expectedRemark = type == SerializeType.ROCKETMQ && "".equals(cmd.getRemark()) ? null : cmd.getRemark();
        assertThat(theirs.getRemark()).isEqualTo(expectedRemark);
        assertThat(ours.getRemark()).isEqualTo(expectedRemark);
        assertThat(orEmpty(theirs.getExtFields())).isEqualTo(orEmpty(cmd.getExtFields()));
        assertThat(orEmpty(ours.getExtFields())).isEqualTo(orEmpty(cmd.getExtFields()));
        assertThat(theirs.getOpaque()).isEqualTo(cmd.getOpaque());
        assertThat(ours.getOpaque()).isEqualTo(cmd.getOpaque());
        assertThat(theirs.getBody()).isEqualTo(cmd.getBody());
        assertThat(ours.getBody()).isEqualTo(cmd.getBody());
    }
}
