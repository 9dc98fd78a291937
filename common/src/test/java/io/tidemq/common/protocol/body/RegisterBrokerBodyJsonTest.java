package io.tidemq.common.protocol.body;

import io.tidemq.common.DataVersion;
import io.tidemq.common.json.Json;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.common.topic.TopicFilterType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming form of a register body writes what data binding writes, byte for byte, and reads what data binding
 * reads; for any text it does not handle it answers null, never a different body.
 */
class RegisterBrokerBodyJsonTest {

    @Property(tries = 300)
    void writesTheBytesDataBindingWrites(@ForAll("bodies") RegisterBrokerBody body) {
        assertThat(new String(RegisterBrokerBodyJson.write(body), StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.toBytes(body), StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void readsWhatItWrites(@ForAll("bodies") RegisterBrokerBody body) {
        byte[] bytes = RegisterBrokerBodyJson.write(body);
        RegisterBrokerBody read = RegisterBrokerBodyJson.read(bytes);
        assertThat(read).isNotNull();
        assertThat(describe(read)).isEqualTo(describe(Json.fromBytes(bytes, RegisterBrokerBody.class)));
        // what was written comes back, except that an omitted null reads as the field's default
        assertThat(read.topicConfigSerializeWrapper.topicConfigTable.keySet())
                .isEqualTo(body.topicConfigSerializeWrapper.topicConfigTable.keySet());
        body.topicConfigSerializeWrapper.topicConfigTable.forEach((k, tc) -> {
            if (tc.topicName != null && tc.topicFilterType != null) {
                assertThat(read.topicConfigSerializeWrapper.topicConfigTable.get(k)).isEqualTo(tc);
            }
        });
    }

    /** Texts a broker could send (reordered, unknown members, fastjson's dialect) or a client could break. */
    @Property(tries = 1000)
    void readsAnyTextAsDataBindingDoesOrDeclines(@ForAll("bodies") RegisterBrokerBody body,
                                                 @ForAll long seed) {
        String text = new VariantWriter(new Random(seed)).body(body);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RegisterBrokerBody streamed = RegisterBrokerBodyJson.read(bytes);
        Statistics.collect(streamed == null ? "declined" : "read");
        // the property says little unless both kinds of text are common
        Statistics.coverage(c -> {
            c.check("read").percentage(p -> p > 20);
            c.check("declined").percentage(p -> p > 20);
        });
        if (streamed == null) {
            return;
        }
        RegisterBrokerBody bound = Json.fromBytes(bytes, RegisterBrokerBody.class);
        assertThat(describe(streamed)).as(text).isEqualTo(describe(bound));
    }

    @Test
    void declinesWhatOnlyDataBindingUnderstands() {
        String[] odd = {
            "{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":{\"perm\":\"6\"}}}}",
            "{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":null}}}",
            "{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":{\"readQueueNums\":8.0}}}}",
            "{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":{\"perm\":4294967296}}}}",
            "{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":{\"topicFilterType\":\"NEW\"}}}}",
            "{\"filterServerList\":\"10.0.0.1:1\"}",
            "{\"filterServerList\":[null]}",
            "{\"topicConfigSerializeWrapper\":null}",
            "[]",
            "{\"filterServerList\":[\"a\"]",
            "not json",
        };
        for (String text : odd) {
            assertThat(RegisterBrokerBodyJson.read(text.getBytes(StandardCharsets.UTF_8))).as(text).isNull();
        }
    }

    @Test
    void takesFastjsonDialectAndSkipsUnknownMembers() {
        String text = "{topicConfigSerializeWrapper:{'topicConfigTable':{'T1':{topicName:'T1',readQueueNums:4,"
                + "writeQueueNums:2,perm:6,order:true,attributes:{'+a':'b'},topicFilterType:'MULTI_TAG'}},"
                + "dataVersion:{timestamp:1700000000000,counter:7,stateVersion:3}},filterServerList:['f:1'],"
                + "extra:[1,{\"x\":[]}]}";
        RegisterBrokerBody body = RegisterBrokerBodyJson.read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(body).isNotNull();
        TopicConfig tc = body.topicConfigSerializeWrapper.topicConfigTable.get("T1");
        assertThat(tc.toString()).isEqualTo("TopicConfig[topicName=T1, readQueueNums=4, writeQueueNums=2, "
                + "perm=RW-, topicFilterType=MULTI_TAG, topicSysFlag=0, order=true]");
        assertThat(body.topicConfigSerializeWrapper.dataVersion).isEqualTo(new DataVersion(1700000000000L, 7));
        assertThat(body.filterServerList).containsExactly("f:1");
    }

    @Test
    void theCodecFallsBackToDataBindingForOddBodies() {
        byte[] odd = ("{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":{\"perm\":\"4\"}},"
                + "\"dataVersion\":{\"timestamp\":\"5\",\"counter\":1}}}").getBytes(StandardCharsets.UTF_8);
        RegisterBrokerBody body = RegisterBrokerBodyCodec.decode(odd, false, 400);
        assertThat(body.topicConfigSerializeWrapper.topicConfigTable.get("T").perm).isEqualTo(4);
        assertThat(body.topicConfigSerializeWrapper.topicConfigTable.get("T").topicName).isEqualTo("T");
        assertThat(body.topicConfigSerializeWrapper.dataVersion).isEqualTo(new DataVersion(5, 1));
    }

    @Provide
    Arbitrary<RegisterBrokerBody> bodies() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars("%_-|")
                .ofMinLength(1).ofMaxLength(20), Arbitraries.strings().ofMaxLength(6));
        Arbitrary<TopicConfig> topics = Combinators.combine(names.injectNull(0.05),
                Arbitraries.integers(), Arbitraries.integers().between(0, 64), Arbitraries.integers().between(0, 7),
                Arbitraries.of(TopicFilterType.class).injectNull(0.1), Arbitraries.integers(),
                Arbitraries.of(true, false)).as((name, r, w, perm, type, sys, order) -> {
                    TopicConfig tc = new TopicConfig(name, r, w, perm);
                    tc.topicFilterType = type;
                    tc.topicSysFlag = sys;
                    tc.order = order;
                    return tc;
                });
        return Combinators.combine(topics.list().ofMaxSize(12), names.list().ofMaxSize(3).injectNull(0.1),
                Arbitraries.longs(), Arbitraries.longs()).as((list, filters, ts, counter) -> {
                    RegisterBrokerBody body = new RegisterBrokerBody();
                    body.topicConfigSerializeWrapper.dataVersion = new DataVersion(ts, counter);
                    for (TopicConfig tc : list) {
                        body.topicConfigSerializeWrapper.topicConfigTable.put(
                                tc.topicName == null ? "k" + list.indexOf(tc) : tc.topicName, tc);
                    }
                    body.filterServerList = filters;
                    return body;
                });
    }

    /** The body as text; an absent filter list reads as an empty one either way. */
    private static String describe(RegisterBrokerBody b) {
        TopicConfigSerializeWrapper w = b.topicConfigSerializeWrapper;
        return (b.filterServerList == null ? List.of() : b.filterServerList) + " / " + (w == null ? "null" : w.dataVersion + " " + (w.topicConfigTable == null
                ? "null" : new java.util.TreeMap<>(w.topicConfigTable)));
    }

    /** Writes a body as JSON in one of the many ways a sender could, chosen at random. */
    private static final class VariantWriter {
        private final Random random;

        VariantWriter(Random random) {
            this.random = random;
        }

        String body(RegisterBrokerBody b) {
            List<String> members = new ArrayList<>();
            if (b.filterServerList != null) {
                List<String> items = new ArrayList<>();
                b.filterServerList.forEach(s -> items.add(maybe(0.03) ? "null" : string(s)));
                members.add(name("filterServerList") + ":" + (maybe(0.05) && items.size() == 1 ? items.get(0)
                        : "[" + String.join(",", items) + "]"));
            }
            TopicConfigSerializeWrapper w = b.topicConfigSerializeWrapper;
            List<String> wrapper = new ArrayList<>();
            wrapper.add(name("dataVersion") + ":" + object(List.of(
                    name("timestamp") + ":" + number(w.dataVersion.timestamp),
                    name("counter") + ":" + number(w.dataVersion.counter))));
            List<String> table = new ArrayList<>();
            w.topicConfigTable.forEach((k, tc) -> table.add(string(k) + ":" + (maybe(0.02) ? "null" : topic(tc))));
            wrapper.add(name("topicConfigTable") + ":" + object(table));
            members.add(name("topicConfigSerializeWrapper") + ":" + (maybe(0.02) ? "null" : object(wrapper)));
            return object(members) + (maybe(0.05) ? " trailing" : "");
        }

        private String topic(TopicConfig tc) {
            List<String> m = new ArrayList<>();
            if (tc.topicName != null) {
                m.add(name("topicName") + ":" + string(tc.topicName));
            }
            m.add(name("readQueueNums") + ":" + number(tc.readQueueNums));
            m.add(name("writeQueueNums") + ":" + number(tc.writeQueueNums));
            m.add(name("perm") + ":" + number(tc.perm));
            m.add(name("topicSysFlag") + ":" + number(tc.topicSysFlag));
            m.add(name("order") + ":" + (maybe(0.05) ? "\"" + tc.order + "\"" : String.valueOf(tc.order)));
            if (tc.topicFilterType != null) {
                m.add(name("topicFilterType") + ":" + (maybe(0.03) ? string("OTHER") : string(tc.topicFilterType.name())));
            }
            return object(m);
        }

        private String object(List<String> members) {
            List<String> m = new ArrayList<>(members);
            if (maybe(0.2)) {
                Collections.shuffle(m, random);
            }
            if (maybe(0.1)) {
                m.add(random.nextInt(m.size() + 1), name("unknown" + random.nextInt(3)) + ":"
                        + (maybe(0.5) ? "{\"a\":[1,{\"b\":null}],\"c\":'x'}" : "[true,-1.5e3,\"s\"]"));
            }
            if (maybe(0.03) && !m.isEmpty()) {
                m.add(m.get(0));
            }
            String sep = maybe(0.1) ? " , " : ",";
            return (maybe(0.1) ? "{ " : "{") + String.join(sep, m) + "}";
        }

        private String name(String n) {
            double r = random.nextDouble();
            return r < 0.1 ? n : r < 0.2 ? "'" + n + "'" : "\"" + n + "\"";
        }

        private String number(long n) {
            double r = random.nextDouble();
            return r < 0.04 ? "\"" + n + "\"" : r < 0.06 ? n + ".0" : r < 0.07 ? "null" : String.valueOf(n);
        }

        private String string(String s) {
            return maybe(0.02) ? "null" : new String(Json.toBytes(s), StandardCharsets.UTF_8);
        }

        private boolean maybe(double p) {
            return random.nextDouble() < p;
        }
    }
}
