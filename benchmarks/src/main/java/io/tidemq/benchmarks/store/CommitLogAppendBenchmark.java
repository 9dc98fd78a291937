package io.tidemq.benchmarks.store;

import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.FlushDiskType;
import io.tidemq.store.PutMessageResult;
import io.tidemq.store.PutMessageStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Appends of 128 B and 1 KiB records (whole stored record size) through the store facade, under ASYNC_FLUSH and
 * SYNC_FLUSH, with 1, 4 and 16 writer threads. Under SYNC_FLUSH every writer waits for its fsync, so the gain from
 * 1 to 16 threads is the group commit at work. MB/s = ops/s x record size.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar CommitLogAppendBenchmark}
 * (temp files go to {@code -Dbench.dir}, default /tmp).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class CommitLogAppendBenchmark {
    @State(Scope.Benchmark)
    public static class StoreState {
        @Param({"128", "1024"})
        public int recordSize;
        @Param({"ASYNC_FLUSH", "SYNC_FLUSH"})
        public FlushDiskType flush;

        DefaultMessageStore store;
        Path dir;
        final AtomicInteger writers = new AtomicInteger();

        @Setup(Level.Trial)
        public void open() throws Exception {
            dir = BenchStores.tempDir();
            store = BenchStores.open(dir, flush);
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            BenchStores.destroy(store, dir);
        }
    }

    @State(Scope.Thread)
    public static class Writer {
        MessageExtBrokerInner msg;

        @Setup(Level.Trial)
        public void prepare(StoreState s) {
            msg = BenchStores.message(s.recordSize, s.writers.getAndIncrement() % 8);
        }
    }

    private static PutMessageStatus append(StoreState s, Writer w) {
        PutMessageResult r = s.store.putMessage(w.msg);
        if (r.status() != PutMessageStatus.PUT_OK) {
            throw new IllegalStateException("append failed: " + r.status());
        }
        return r.status();
    }

    @Benchmark
    @Threads(1)
    public PutMessageStatus writers01(StoreState s, Writer w) {
        return append(s, w);
    }

    @Benchmark
    @Threads(4)
    public PutMessageStatus writers04(StoreState s, Writer w) {
        return append(s, w);
    }

    @Benchmark
    @Threads(16)
    public PutMessageStatus writers16(StoreState s, Writer w) {
        return append(s, w);
    }
}
