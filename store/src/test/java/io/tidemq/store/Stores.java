package io.tidemq.store;

import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageProperties;

import io.tidemq.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Small stores and messages for tests. */
final class Stores {
    static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);
    static final InetSocketAddress BORN_HOST = new InetSocketAddress("127.0.0.1", 51706);

    private Stores() {
    }

    /** Tiny files so that everything rolls: 8 KiB CommitLog files, 10-unit consume-queue files, tiny index files. */
    static MessageStoreConfig tinyConfig(Path dir) {
        MessageStoreConfig c = new MessageStoreConfig();
        c.setStorePathRootDir(dir.toString());
        c.setMappedFileSizeCommitLog(8 * 1024);
        c.setMappedFileSizeConsumeQueue(10 * ConsumeQueue.UNIT_SIZE);
        c.index().setMaxHashSlotNum(16);
        c.index().setMaxIndexNum(32);
        c.flush().setFlushIntervalCommitLog(10);
        c.flush().setFlushIntervalConsumeQueue(60_000);
        c.retention().setCleanResourceInterval(3_600_000);
        return c;
    }

    static DefaultMessageStore open(MessageStoreConfig config) {
        return open(config, new MutableClock(1_700_000_000_000L));
    }

    static DefaultMessageStore open(MessageStoreConfig config, java.time.Clock clock) {
        DefaultMessageStore s = new DefaultMessageStore(config, clock, dir -> 0.1);
        assertThat(s.load()).as("store loads").isTrue();
        s.start();
        return s;
    }

    static MessageExtBrokerInner message(String topic, int queueId, String body, String... props) {
        return message(topic, queueId, body.getBytes(StandardCharsets.UTF_8), props);
    }

    /** {@code props} are name, value pairs. */
    static MessageExtBrokerInner message(String topic, int queueId, byte[] body, String... props) {
        MessageExtBrokerInner m = new MessageExtBrokerInner();
        m.setTopic(topic);
        m.setQueueId(queueId);
        m.setBody(body);
        m.setBornHost(BORN_HOST);
        m.setStoreHost(STORE_HOST);
        m.setBornTimestamp(1_600_000_000_000L);
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        m.setProperties(p);
        m.setPropertiesString(MessageProperties.encode(p));
        return m;
    }

    /** A batch in the client's encoding (protocol.md 4.2) of bodies, each with its own properties string. */
    static MessageExtBatch batch(String topic, int queueId, List<String> bodies, List<String> ownProps,
                                 String batchProps) {
        int size = 0;
        for (int i = 0; i < bodies.size(); i++) {
            size += 22 + bodies.get(i).getBytes(StandardCharsets.UTF_8).length
                    + ownProps.get(i).getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i).getBytes(StandardCharsets.UTF_8);
            byte[] props = ownProps.get(i).getBytes(StandardCharsets.UTF_8);
            b.putInt(22 + body.length + props.length).putInt(0).putInt(0).putInt(i).putInt(body.length).put(body);
            b.putShort((short) props.length).put(props);
        }
        MessageExtBatch batch = new MessageExtBatch();
        batch.setTopic(topic);
        batch.setQueueId(queueId);
        batch.setBody(b.array());
        batch.setBornHost(BORN_HOST);
        batch.setStoreHost(STORE_HOST);
        batch.setBornTimestamp(1_600_000_000_000L);
        batch.setPropertiesString(batchProps);
        batch.setProperties(MessageProperties.decode(batchProps));
        return batch;
    }

    static String props(String... pairs) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return MessageProperties.encode(p);
    }

    static String bodyOf(io.tidemq.store.SelectMappedBufferResult r) {
        io.tidemq.common.message.MessageExt m = io.tidemq.common.message.MessageDecoder.decode(r.buffer().duplicate());
        return new String(m.getBody(), StandardCharsets.UTF_8);
    }
}
