package io.tidemq.filter;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules a user meets first, spelled out (the differential test covers the rest against Apache's evaluator). */
class SqlSelectorTest {

    private static boolean matches(String selector, Map<String, String> properties) throws Exception {
        return SqlSelector.compile(selector).matches(properties);
    }

    @Test
    void propertiesCompareAsTheLiteralsTheyMeet() throws Exception {
        Map<String, String> m = Map.of("a", "10", "b", "abc", "TAGS", "TagA", "price", "9.5");
        assertThat(matches("a > 5 AND a <= 10", m)).isTrue();
        assertThat(matches("a BETWEEN 1 AND 9", m)).isFalse();
        assertThat(matches("price > 9", m)).isFalse(); // "9.5" is not an int: no match, as in 4.9
        assertThat(matches("price > 9.0", m)).isTrue();
        assertThat(matches("TAGS IN ('TagA', 'TagB') AND b = 'abc'", m)).isTrue();
        assertThat(matches("TAGS NOT IN ('TagA')", m)).isFalse();
        assertThat(matches("b > 1", m)).isFalse();
    }

    @Test
    void aMissingPropertyIsUnknownAndUnknownDoesNotMatch() throws Exception {
        Map<String, String> m = Map.of("a", "1");
        assertThat(matches("missing = 'x'", m)).isFalse();
        assertThat(matches("NOT (missing = 'x')", m)).isFalse();
        assertThat(matches("missing IS NULL AND a IS NOT NULL", m)).isTrue();
        assertThat(matches("missing = 'x' OR a = 1", m)).isTrue();
        assertThat(matches("TRUE", m)).isTrue();
    }

    @Test
    void refusalsNameTheProblemAndTheColumn() {
        assertThatThrownBy(() -> SqlSelector.compile("a >> 1"))
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessage("Invalid SQL92 selector [a >> 1]: expected a literal, a property or '(', found '>'"
                        + " at column 4");
        assertThatThrownBy(() -> SqlSelector.compile("a > 'x'")).hasMessageContaining("'x' cannot be compared");
        assertThatThrownBy(() -> SqlSelector.compile("a = NULL")).hasMessageContaining("use IS NULL");
        assertThatThrownBy(() -> SqlSelector.compile("a BETWEEN 5 AND 1")).hasMessageContaining("lower bound");
        assertThatThrownBy(() -> SqlSelector.compile("a IN (1, 2)")).hasMessageContaining("string literal");
        assertThatThrownBy(() -> SqlSelector.compile("a = 'open")).hasMessageContaining("closing quote");
        assertThatThrownBy(() -> SqlSelector.compile("")).hasMessageContaining("the end of the selector");
    }

    @Test
    void textAfterACompleteExpressionIsIgnoredAs49IgnoresIt() throws Exception {
        assertThat(matches("a = 1 b", Map.of("a", "1"))).isTrue();
        assertThat(matches("a = 1)", Map.of("a", "1"))).isTrue();
    }
}
