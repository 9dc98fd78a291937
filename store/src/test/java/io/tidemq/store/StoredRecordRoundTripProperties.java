package io.tidemq.store;

import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageProperties;
import io.tidemq.common.message.StoredRecordWriter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored-record layout has one writer, used by the CommitLog encoder and by requests that carry a message: for
 * any message (IPv4 and IPv6 hosts, any body, properties, flags and times), what the encoder stores decodes back to
 * the message, and is byte for byte what the writer produces for that decoded message.
 */
class StoredRecordRoundTripProperties {
    private final RecordEncoder encoder = new RecordEncoder(4 * 1024 * 1024);

    @Property(tries = 300)
    void whatTheEncoderStoresDecodesBackAndTheWriterReproducesIt(@ForAll("messages") MessageExtBrokerInner m,
                                                                 @ForAll("offsets") long wroteOffset) {
        m.setPropertiesString(MessageProperties.encode(m.getProperties()));
        assertThat(encoder.encode(m)).isNull();
        long queueOffset = wroteOffset % 1_000_003;
        long storedAt = m.getBornTimestamp() + 7;
        encoder.patch(wroteOffset, queueOffset, storedAt);
        byte[] stored = new byte[encoder.totalBytes()];
        encoder.buffer().get(0, stored);

        MessageExt decoded = MessageDecoder.decode(ByteBuffer.wrap(stored));
        assertThat(decoded.getTopic()).isEqualTo(m.getTopic());
        assertThat(decoded.getQueueId()).isEqualTo(m.getQueueId());
        assertThat(decoded.getFlag()).isEqualTo(m.getFlag());
        assertThat(decoded.getBody()).isEqualTo(m.getBody());
        assertThat(decoded.getProperties()).isEqualTo(m.getProperties());
        assertThat(decoded.getBornHost()).isEqualTo(m.getBornHost());
        assertThat(decoded.getStoreHost()).isEqualTo(m.getStoreHost());
        assertThat(decoded.getBornTimestamp()).isEqualTo(m.getBornTimestamp());
        assertThat(decoded.getStoreTimestamp()).isEqualTo(storedAt);
        assertThat(decoded.getReconsumeTimes()).isEqualTo(m.getReconsumeTimes());
        assertThat(decoded.getPreparedTransactionOffset()).isEqualTo(m.getPreparedTransactionOffset());
        assertThat(decoded.getCommitLogOffset()).isEqualTo(wroteOffset);
        assertThat(decoded.getQueueOffset()).isEqualTo(encoder.consumable() ? queueOffset : 0);
        assertThat(decoded.getStoreSize()).isEqualTo(stored.length);

        // the decoder's property map has no order: give the writer the same entries in the stored order
        decoded.setProperties(m.getProperties());
        assertThat(StoredRecordWriter.write(decoded)).as("the writer reproduces the stored record").isEqualTo(stored);
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE / 4);
    }

    @Provide
    Arbitrary<MessageExtBrokerInner> messages() {
        Arbitrary<String> topic = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(127);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        // values are never empty: the 4.9 property decoder (the client's too) drops a name without a value
        Arbitrary<Map<String, String>> props = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withCharRange('a', 'z').withChars("中文 éß-_.:/").ofMinLength(1).ofMaxLength(60))
                .ofMaxSize(6).map(LinkedHashMap::new);
        Arbitrary<Integer> sysFlag = Arbitraries.of(0, 1, 4, 8, 12, 1 | 8);
        return Combinators.combine(topic, body, props, hosts(), hosts(), sysFlag,
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.longs().between(0, 1L << 42))
                .as((t, b, p, born, store, flag, small, big) -> {
                    MessageExtBrokerInner m = new MessageExtBrokerInner();
                    m.setTopic(t);
                    m.setBody(b);
                    m.setProperties(p);
                    m.setBornHost(born);
                    m.setStoreHost(store);
                    m.setSysFlag(flag);
                    m.setQueueId(small % 64);
                    m.setFlag(small);
                    m.setReconsumeTimes(small % 17);
                    m.setBornTimestamp(big);
                    m.setPreparedTransactionOffset(big / 3);
                    return m;
                });
    }

    private static Arbitrary<InetSocketAddress> hosts() {
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4),
                        Arbitraries.bytes().array(byte[].class).ofSize(16), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 65535))
                .as((v4, v6, six, port) -> {
                    try {
                        return new InetSocketAddress(InetAddress.getByAddress(six ? v6 : v4), port);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
