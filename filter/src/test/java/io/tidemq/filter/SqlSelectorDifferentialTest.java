package io.tidemq.filter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.rocketmq.filter.expression.BooleanExpression;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.parser.SelectorParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our selectors against Apache RocketMQ 4.9.3's own (rocketmq-filter, the evaluator its broker runs): random
 * expressions must be accepted or refused alike, and an accepted one must give the same verdict on random
 * messages, with the broker's rule that only TRUE matches (unknown and evaluation errors do not).
 */
class SqlSelectorDifferentialTest {

    /** A selector with the messages it is tried on. */
    record Sample(String selector, List<Map<String, String>> messages) {
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.randomValue(random -> {
            SelectorSamples gen = new SelectorSamples(random);
            List<Map<String, String>> messages = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                messages.add(gen.properties());
            }
            return new Sample(gen.selector(), messages);
        });
    }

    @Property(tries = 6000)
    void acceptsWhatApacheAcceptsAndMatchesWhatItMatches(@ForAll("samples") Sample sample) {
        BooleanExpression apache = apacheCompile(sample.selector());
        SqlSelector ours;
        try {
            ours = SqlSelector.compile(sample.selector());
        } catch (SelectorSyntaxException e) {
            assertThat(apache).as("Apache accepts [%s], we refused: %s", sample.selector(), e.getMessage())
                    .isNull();
            return;
        }
        assertThat(apache).as("Apache refuses [%s], we accepted", sample.selector()).isNotNull();
        for (Map<String, String> message : sample.messages()) {
            assertThat(ours.matches(message)).as("[%s] on %s", sample.selector(), message)
                    .isEqualTo(apacheMatches(apache, message));
        }
    }

    @Property(tries = 200)
    void refusalsSayWhereTheProblemIs(@ForAll("samples") Sample sample) {
        try {
            SqlSelector.compile(sample.selector());
        } catch (SelectorSyntaxException e) {
            assertThat(e.getMessage()).startsWith("Invalid SQL92 selector [" + sample.selector() + "]: ");
            assertThat(e.column()).isBetween(0, sample.selector().length() + 1);
        }
    }

    /** Cases found by the random runs or written for the lexer's corners, compared on every run. */
    @Property(tries = 1)
    void knownCorners() {
        List<Map<String, String>> messages = List.of(Map.of(), Map.of("a", "1", "b", "x"),
                Map.of("a", "10", "b", "it's", "TAGS", "TagA"), Map.of("a", "-0.5", "b", ""));
        for (String selector : List.of("b =10' < '' and x_1)", "b = 'it''s'", "b = 'it''s", "b = 'a'' b'' c",
                "b = ''''", "b = '''", "a = 1 'open", "a = 1 -- c", "a = 1 --c\n OR b = 'x'", "a = /* c */ 1",
                "a = 1 /* open", "a = 0L", "a = 007", "a > 1.2.3", "a > 5e", "a > .5E1", "a IN ('1') OR",
                "a IS NOT", "a NOT LIKE 'x'", "NOT a = 'x'", "a BETWEEN 5 AND 1", "a BETWEEN -5 AND -10",
                "a = 2147483648", "a = 9223372036854775808", "a > 0.0", "a > 1e-400", "a <> NULL",
                "TRUE = 'x'", "'x' = TRUE", "TRUE = a", "a = TRUE", "(a)", "-a IS NULL", "+ 'x' = b")) {
            acceptsWhatApacheAcceptsAndMatchesWhatItMatches(new Sample(selector, messages));
        }
    }

    static BooleanExpression apacheCompile(String selector) {
        try {
            return SelectorParser.parse(selector);
        } catch (Exception e) {
            return null;
        }
    }

    /** The 4.9.3 broker's verdict: TRUE matches; null, a non-boolean and any exception do not. */
    static boolean apacheMatches(BooleanExpression e, Map<String, String> properties) {
        try {
            Object v = e.evaluate(new EvaluationContext() {
                @Override
                public Object get(String name) {
                    return properties.get(name);
                }

                @Override
                public Map<String, Object> keyValues() {
                    return new HashMap<>(properties);
                }
            });
            return Boolean.TRUE.equals(v);
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * A fixed seed, so a failure reproduces without jqwik's database; it also shows the samples are worth
     * comparing: many are refused, many accepted, and accepted ones both match and miss.
     */
    @Property(tries = 1)
    void aFixedSeedSweep() {
        Random random = new Random(20261203L);
        SelectorSamples gen = new SelectorSamples(random);
        int refused = 0;
        int matched = 0;
        int missed = 0;
        for (int i = 0; i < 3000; i++) {
            List<Map<String, String>> messages = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                messages.add(gen.properties());
            }
            Sample sample = new Sample(gen.selector(), messages);
            acceptsWhatApacheAcceptsAndMatchesWhatItMatches(sample);
            BooleanExpression apache = apacheCompile(sample.selector());
            if (apache == null) {
                refused++;
                continue;
            }
            for (Map<String, String> m : messages) {
                if (apacheMatches(apache, m)) {
                    matched++;
                } else {
                    missed++;
                }
            }
        }
        assertThat(refused).isBetween(300, 2700);
        assertThat(matched).isGreaterThan(1000);
        assertThat(missed).isGreaterThan(1000);
    }
}
