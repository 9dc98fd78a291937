package io.tidemq.broker.acl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Apache 4.9's whitelist address forms. */
class RemoteAddressPatternTest {
    @ParameterizedTest
    @CsvSource({
        "*, 10.1.2.3, true",
        "*.*.*.*, 10.1.2.3, true",
        "192.168.0.1, 192.168.0.1, true",
        "192.168.0.1, 192.168.0.2, false",
        "192.168.*.*, 192.168.200.7, true",
        "192.168.*.*, 192.169.0.1, false",
        "192.168.1.*, 192.168.1.255, true",
        "192.168.1.*, 192.168.2.1, false",
        "10.10.1-200.*, 10.10.200.9, true",
        "10.10.1-200.*, 10.10.201.9, false",
        "10.10.1-200.*, 10.10.0.9, false",
        "10.10.5.1-20, 10.10.5.20, true",
        "10.10.5.1-20, 10.10.5.21, false",
        "'192.168.1.{1,2,3}', 192.168.1.2, true",
        "'192.168.1.{1,2,3}', 192.168.1.4, false",
        "'192.168.1.1,192.168.1.7', 192.168.1.7, true",
        "'192.168.1.1,192.168.1.7', 192.168.1.8, false",
        "::1, 0:0:0:0:0:0:0:1, true",
        "2001:db8::1, 2001:DB8:0:0:0:0:0:1, true",
        "2001:db8::*, 2001:db8:0:0:0:0:0:abcd, true",
        "2001:db8::*, 2001:db9:0:0:0:0:0:abcd, false",
        "2001:db8:0:0:0:0:1-ff:*, 2001:db8:0:0:0:0:a:1, true",
        "2001:db8:0:0:0:0:1-ff:*, 2001:db8:0:0:0:0:100:1, false",
        "'2001:db8::{1,2}', 2001:db8::2, true",
        "192.168.1.*, 2001:db8::2, false",
        "192.168.1.*, not-an-address, false",
    })
    void matches(String pattern, String address, boolean expected) {
        assertThat(RemoteAddressPattern.parse(pattern).matches(address)).isEqualTo(expected);
    }

    @Test
    void blankMatchesNothing() {
        assertThat(RemoteAddressPattern.parse(null).matches("127.0.0.1")).isFalse();
        assertThat(RemoteAddressPattern.parse("  ").matches("127.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"300.1.1.1", "192.168.1", "192.168.1.1.1", "10.10.200-1.*", "10.10.x.*", "abc",
        "192.168.{1,2}.3", "192.168.1.{1,300}", "1:2:3:4:5:6:7:8:9"})
    void malformedPatternsAreRefusedByName(String pattern) {
        assertThatThrownBy(() -> RemoteAddressPattern.parse(pattern)).isInstanceOf(AclException.class)
                .hasMessageContaining(pattern);
    }

    @Test
    void theHostIsTakenFromTheRemoteAddress() {
        assertThat(RemoteAddressPattern.hostOf("127.0.0.1:5000")).isEqualTo("127.0.0.1");
        assertThat(RemoteAddressPattern.hostOf("/10.0.0.1:5000")).isEqualTo("10.0.0.1");
        assertThat(RemoteAddressPattern.hostOf("0:0:0:0:0:0:0:1:5000")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(RemoteAddressPattern.hostOf("[::1]:5000")).isEqualTo("::1");
    }
}
