package io.tidemq.broker.topic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The official topic naming rule: {@code ^[%|a-zA-Z0-9_-]+$}, at most 127 chars, not blank. */
class TopicValidatorTest {
    @Test
    void acceptsTheOfficialCharacterSet() {
        assertThat(TopicValidator.checkName("Topic_a-Z9")).isNull();
        assertThat(TopicValidator.checkName("%RETRY%group|x")).isNull();
        assertThat(TopicValidator.checkName("t".repeat(127))).isNull();
    }

    @Test
    void refusesAnythingElseWithTheOfficialText() {
        for (String bad : new String[] {"a b", "a.b", "a/b", "topic\u00e9", "\u4e2d\u6587", "a\nb", "a:b", "a$"}) {
            assertThat(TopicValidator.checkName(bad)).as(bad).isEqualTo("The specified topic[" + bad
                    + "] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$");
        }
        assertThat(TopicValidator.checkName(" ")).isEqualTo("The specified topic is blank.");
        assertThat(TopicValidator.checkName(null)).isEqualTo("The specified topic is blank.");
        assertThat(TopicValidator.checkName("t".repeat(128)))
                .isEqualTo("The specified topic is longer than topic max length 127.");
    }
}
