package io.tidemq.common.message;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Looking one property up in a property string gives what decoding the whole map gives. */
class MessagePropertiesFindTest {

    @Provide
    Arbitrary<String> propertyStrings() {
        // short pieces over a tiny alphabet with both separators, so names repeat, values are empty, pairs break
        Arbitrary<String> piece = Arbitraries.strings().withChars('a', 'b', 'K', '\u0001', '\u0002').ofMaxLength(4);
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars('a', 'b', 'K').ofMinLength(1).ofMaxLength(3);
    }

    @Property(tries = 3000)
    void findAgreesWithDecode(@ForAll("propertyStrings") String properties, @ForAll("names") String name) {
        Map<String, String> all = MessageProperties.decode(properties);
        assertThat(MessageProperties.find(properties, name)).isEqualTo(all.get(name));
        for (String key : all.keySet()) {
            assertThat(MessageProperties.find(properties, key)).as(key).isEqualTo(all.get(key));
        }
    }

    @Test
    void aNameHoldingTheNameValueSeparatorIsNeverFound() {
        // found by MessagePropertiesFuzzTest: decode cuts the name at its first separator, find matched it whole
        assertThat(MessageProperties.find("a\u0001b\u0001c", "a\u0001b")).isNull();
        assertThat(MessageProperties.decode("a\u0001b\u0001c")).containsExactly(Map.entry("a", "b\u0001c"));
    }
}
