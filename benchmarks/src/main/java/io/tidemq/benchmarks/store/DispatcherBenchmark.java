package io.tidemq.benchmarks.store;

import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.FlushDiskType;
import io.tidemq.store.MessageStoreConfig;
import io.tidemq.store.QueryMessageResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * The dispatcher alone: what it costs to turn stored records into consume-queue units and index entries. The store
 * holds 200,000 records of 1 KiB bodies with the properties a 4.9 producer sends (unique key, keys, tags) over 8
 * queues; each op opens the store after its consume queues and index were deleted, which makes the opening
 * dispatch the whole CommitLog again, synchronously (an operator's forced rebuild). Time per op / 200,000 = the
 * dispatcher's cost per record (CommitLog reading and property scan, unit write, two index entries).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar DispatcherBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class DispatcherBenchmark {
    static final int RECORDS = 200_000;

    private Path dir;
    private DefaultMessageStore opened;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = BenchStores.tempDir();
        DefaultMessageStore store = BenchStores.open(dir, FlushDiskType.ASYNC_FLUSH);
        for (int i = 0; i < RECORDS; i++) {
            store.putMessage(BenchStores.keyedMessage(1024, i % 8, i));
        }
        store.shutdown();
    }

    @Setup(Level.Invocation)
    public void forgetQueues() throws IOException {
        deleteTree(dir.resolve("consumequeue"));
        deleteTree(dir.resolve("index"));
    }

    @TearDown(Level.Invocation)
    public void check() {
        long units = 0;
        for (int q = 0; q < 8; q++) {
            units += opened.getMaxOffsetInQueue(BenchStores.TOPIC, q);
        }
        QueryMessageResult byKey = opened.queryMessage(BenchStores.TOPIC, "order-" + (RECORDS - 1), 4, 0,
                Long.MAX_VALUE);
        int found = byKey.messages().size();
        byKey.release();
        opened.shutdown();
        if (units != RECORDS || found != 1) {
            throw new IllegalStateException("rebuilt " + units + " units, key found " + found + " times");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        deleteTree(dir);
    }

    @Benchmark
    public DefaultMessageStore rebuild200k() {
        MessageStoreConfig c = new MessageStoreConfig();
        c.setStorePathRootDir(dir.toString());
        c.setMappedFileSizeCommitLog(256 * 1024 * 1024);
        opened = new DefaultMessageStore(c);
        if (!opened.load()) {
            throw new IllegalStateException("store did not load: " + opened.loadFailure());
        }
        return opened;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var files = Files.walk(p)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
