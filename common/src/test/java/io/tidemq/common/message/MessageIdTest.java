package io.tidemq.common.message;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Offset message ids (protocol.md 6.4). */
class MessageIdTest {
    @Test
    void encodesTheObservedIpv4Id() {
        assertThat(MessageId.createOffsetId(new InetSocketAddress("127.0.0.1", 10911), 0))
                .isEqualTo("7F00000100002A9F0000000000000000");
        assertThat(MessageId.createOffsetId(new InetSocketAddress("192.168.1.219", 10911), 0x1AEL))
                .isEqualTo("C0A801DB00002A9F00000000000001AE");
    }

    @Test
    void decodesIpv4AndIpv6Ids() throws Exception {
        MessageId.OffsetId v4 = MessageId.decodeOffsetId("7F00000100002A9F00000000000001AE");
        assertThat(v4.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 10911));
        assertThat(v4.offset()).isEqualTo(430);

        InetSocketAddress host = new InetSocketAddress(InetAddress.getByName("fd00::1"), 10911);
        String id = MessageId.createOffsetId(host, Long.MAX_VALUE);
        assertThat(id).hasSize(56).isEqualTo("FD000000000000000000000000000001" + "00002A9F" + "7FFFFFFFFFFFFFFF");
        MessageId.OffsetId v6 = MessageId.decodeOffsetId(id);
        assertThat(v6.address()).isEqualTo(host);
        assertThat(v6.offset()).isEqualTo(Long.MAX_VALUE);
        assertThat(MessageId.decodeOffsetId(id.toLowerCase()).offset()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsIdsOfOtherShapes() {
        assertThatThrownBy(() -> MessageId.decodeOffsetId("7F000001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageId.decodeOffsetId(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageId.decodeOffsetId("7F00000100002A9F00000000000001AG"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hex");
    }
}
