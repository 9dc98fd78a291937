package io.tidemq.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeySuggestionTest {
    private static final List<String> KNOWN = List.of("brokerClusterName", "brokerName", "brokerId",
            "autoCreateTopicEnable", "flushDiskType", "deleteWhen", "fileReservedTime");

    @Test
    void typicalTyposFindTheirKey() {
        assertThat(KeySuggestion.nearest("brokerNmae", KNOWN)).isEqualTo("brokerName");
        assertThat(KeySuggestion.nearest("autoCreateTopicEnabel", KNOWN)).isEqualTo("autoCreateTopicEnable");
        assertThat(KeySuggestion.nearest("flushdisktype", KNOWN)).isEqualTo("flushDiskType");
        assertThat(KeySuggestion.nearest("fileReserveTime", KNOWN)).isEqualTo("fileReservedTime");
        assertThat(KeySuggestion.nearest("deletewhen", KNOWN)).isEqualTo("deleteWhen");
    }

    @Test
    void unrelatedKeysGetNoSuggestion() {
        assertThat(KeySuggestion.nearest("listenPort", KNOWN)).isNull();
        assertThat(KeySuggestion.nearest("x", KNOWN)).isNull();
    }

    @Test
    void distanceCountsSwapsAsOneEdit() {
        assertThat(KeySuggestion.distance("ab", "ba")).isEqualTo(1);
        assertThat(KeySuggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggestion.distance("", "abc")).isEqualTo(3);
    }
}
