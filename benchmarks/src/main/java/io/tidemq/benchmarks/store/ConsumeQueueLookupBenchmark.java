package io.tidemq.benchmarks.store;

import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.FlushDiskType;
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

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Consume-queue lookups in a queue of 1,000,000 units spread over several queue files (small files, so a lookup
 * first finds its file): a unit at a random queue offset (what every pull and every offset query starts with), and
 * the queue offset of a store time (a binary search over units and their records, as the admin's resetOffsetByTime
 * and the console's offset-by-time do). One op = one lookup.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ConsumeQueueLookupBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class ConsumeQueueLookupBenchmark {
    private static final int UNITS = 1_000_000;
    /** 100,000 units of 20 bytes per queue file: the lookups cross ten files. */
    private static final int QUEUE_FILE_SIZE = 100_000 * 20;

    private DefaultMessageStore store;
    private Path dir;
    private long firstTime;
    private long lastTime;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = BenchStores.tempDir();
        store = BenchStores.open(dir, FlushDiskType.ASYNC_FLUSH, c -> c.setMappedFileSizeConsumeQueue(QUEUE_FILE_SIZE));
        for (int i = 0; i < UNITS; i++) {
            store.putMessage(BenchStores.message(128, 0));
        }
        while (store.getMaxOffsetInQueue(BenchStores.TOPIC, 0) < UNITS) {
            Thread.sleep(10);
        }
        firstTime = store.getMessageStoreTimeStamp(BenchStores.TOPIC, 0, 0);
        lastTime = store.getMessageStoreTimeStamp(BenchStores.TOPIC, 0, UNITS - 1);
        long mid = store.getCommitLogOffsetInQueue(BenchStores.TOPIC, 0, UNITS / 2);
        if (mid != (long) (UNITS / 2) * 128) {
            throw new IllegalStateException("unit " + UNITS / 2 + " points at " + mid);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        BenchStores.destroy(store, dir);
    }

    @Benchmark
    public long unitAtRandomOffset() {
        return store.getCommitLogOffsetInQueue(BenchStores.TOPIC, 0, random.nextInt(UNITS));
    }

    @Benchmark
    public long offsetOfRandomTime() {
        return store.getOffsetInQueueByTime(BenchStores.TOPIC, 0, random.nextLong(firstTime, lastTime + 1));
    }
}
