package io.tidemq.benchmarks.store;

import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.FlushDiskType;
import io.tidemq.store.GetMessageResult;
import io.tidemq.store.MessageFilter;
import io.tidemq.store.SelectMappedBufferResult;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A consumer catching up: pulls of 32 messages through the consume queue, walking a prefilled queue from start to end
 * and around, copying every returned record into a socket-sized buffer (what sending it would cost). One op = one pull
 * of 32 records; MB/s = ops/s x 32 x record size. The data sits in the page cache (recently written).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SequentialReadBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class SequentialReadBenchmark {
    private static final int MESSAGES = 200_000;

    @Param({"128", "1024"})
    public int recordSize;

    private DefaultMessageStore store;
    private Path dir;
    private long offset;
    private final ByteBuffer socket = ByteBuffer.allocate(256 * 1024);

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = BenchStores.tempDir();
        store = BenchStores.open(dir, FlushDiskType.ASYNC_FLUSH);
        for (int i = 0; i < MESSAGES; i++) {
            store.putMessage(BenchStores.message(recordSize, 0));
        }
        while (store.getMaxOffsetInQueue(BenchStores.TOPIC, 0) < MESSAGES) {
            Thread.sleep(10);
        }
        GetMessageResult probe = store.getMessage("bench", BenchStores.TOPIC, 0, 0, 32, MessageFilter.ALL);
        if (probe.messageCount() != 32 || probe.bufferTotalSize() != 32 * recordSize) {
            throw new IllegalStateException("a pull returned " + probe.messageCount() + " records");
        }
        probe.release();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        BenchStores.destroy(store, dir);
    }

    @Benchmark
    public int pull32() {
        GetMessageResult r = store.getMessage("bench", BenchStores.TOPIC, 0, offset, 32, MessageFilter.ALL);
        socket.clear();
        for (SelectMappedBufferResult m : r.messages()) {
            socket.put(m.buffer().duplicate());
        }
        int n = r.messageCount();
        offset = r.nextBeginOffset() >= MESSAGES ? 0 : r.nextBeginOffset();
        r.release();
        return n;
    }
}
