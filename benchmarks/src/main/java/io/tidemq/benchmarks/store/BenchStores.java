package io.tidemq.benchmarks.store;

import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.FlushDiskType;
import io.tidemq.store.MessageStoreConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.function.Consumer;

/** Store set-up shared by the store benchmarks: a fresh store in a temp directory, records of an exact size. */
final class BenchStores {
    static final String TOPIC = "BenchTopic";
    /** Record bytes around the body: 91 fixed (IPv4 hosts) + topic, no properties. */
    static final int OVERHEAD = 91 + TOPIC.length();
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private BenchStores() {
    }

    static DefaultMessageStore open(Path dir, FlushDiskType flush) {
        return open(dir, flush, c -> { });
    }

    /** As above, with {@code tune} changing the settings before the store opens. */
    static DefaultMessageStore open(Path dir, FlushDiskType flush, Consumer<MessageStoreConfig> tune) {
        MessageStoreConfig c = new MessageStoreConfig();
        c.setStorePathRootDir(dir.toString());
        c.setMappedFileSizeCommitLog(256 * 1024 * 1024);
        c.flush().setFlushDiskType(flush);
        tune.accept(c);
        DefaultMessageStore store = new DefaultMessageStore(c);
        if (!store.load()) {
            throw new IllegalStateException("store did not load");
        }
        store.start();
        return store;
    }

    static Path tempDir() throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "/tmp")), "tidemq-bench");
    }

    /** A message whose stored record is exactly {@code recordSize} bytes. */
    static MessageExtBrokerInner message(int recordSize, int queueId) {
        MessageExtBrokerInner m = new MessageExtBrokerInner();
        m.setTopic(TOPIC);
        m.setQueueId(queueId);
        m.setBody(new byte[recordSize - OVERHEAD]);
        m.setBornHost(HOST);
        m.setStoreHost(HOST);
        m.setBornTimestamp(System.currentTimeMillis());
        m.setProperties(new HashMap<>());
        m.setPropertiesString("");
        return m;
    }

    /**
     * A message with the properties a 4.9 producer sends (a unique key, keys and tags), so the dispatcher fills the
     * index as well as the consume queue.
     */
    static MessageExtBrokerInner keyedMessage(int bodySize, int queueId, long n) {
        MessageExtBrokerInner m = message(OVERHEAD + bodySize, queueId);
        String uniq = String.format("7F00000100002A9F0000%012X", n);
        m.getProperties().put("UNIQ_KEY", uniq);
        m.getProperties().put("KEYS", "order-" + n);
        m.getProperties().put("TAGS", "tag" + (n % 4));
        m.encodePropertiesString();
        return m;
    }

    static void destroy(DefaultMessageStore store, Path dir) throws IOException {
        store.destroy();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
