package io.tidemq.benchmarks.store;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.PullMessageRequestHeader;
import io.tidemq.common.protocol.header.PullMessageResponseHeader;
import io.tidemq.remoting.netty.RemotingFrames;
import io.tidemq.remoting.protocol.RemotingCommand;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's pull path without the socket: a PULL_MESSAGE request frame as a 4.9.3 consumer writes it is
 * decoded, its header read, up to 32 records read from the store, and the response (header and the records as
 * slices of the mapped CommitLog, no copy) encoded into the frame the transport would write, then released. What
 * is left out: subscription and permission checks, long polling, the socket write. With {@code -prof gc} the
 * allocation per op is the heap cost of one pull of 32 messages.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar PullPathBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class PullPathBenchmark {
    private static final int MESSAGES = 200_000;

    @Param({"1024"})
    public int bodySize;

    private DefaultMessageStore store;
    private Path dir;
    private long offset;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = BenchStores.tempDir();
        store = BenchStores.open(dir, FlushDiskType.ASYNC_FLUSH);
        for (int i = 0; i < MESSAGES; i++) {
            store.putMessage(BenchStores.keyedMessage(bodySize, 0, i));
        }
        while (store.getMaxOffsetInQueue(BenchStores.TOPIC, 0) < MESSAGES) {
            Thread.sleep(10);
        }
        ByteBuf frame = pull(0);
        try {
            if (frame.readableBytes() < 32 * bodySize) {
                throw new IllegalStateException("a pull of 32 gave a frame of " + frame.readableBytes() + " bytes");
            }
        } finally {
            frame.release();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        BenchStores.destroy(store, dir);
    }

    /** The request frame a 4.9.3 consumer sends, without its length field, as the frame decoder hands it on. */
    private static ByteBuf requestFrame(long queueOffset) {
        PullMessageRequestHeader h = new PullMessageRequestHeader();
        h.consumerGroup = "bench-group";
        h.topic = BenchStores.TOPIC;
        h.queueId = 0;
        h.queueOffset = queueOffset;
        h.maxMsgNums = 32;
        h.sysFlag = 2;
        h.commitOffset = 0L;
        h.suspendTimeoutMillis = 15_000L;
        h.subscription = "*";
        h.subVersion = 1L;
        h.expressionType = "TAG";
        ByteBuf whole = RemotingFrames.encode(RemotingCommand.createRequest(RequestCode.PULL_MESSAGE, h),
                PooledByteBufAllocator.DEFAULT);
        whole.skipBytes(RemotingFrames.LENGTH_FIELD_SIZE);
        return whole;
    }

    private ByteBuf pull(long from) throws Exception {
        ByteBuf in = requestFrame(from);
        RemotingCommand request;
        try {
            request = RemotingFrames.decode(in);
        } finally {
            in.release();
        }
        PullMessageRequestHeader h = request.decodeHeader(PullMessageRequestHeader.class);
        GetMessageResult r = store.getMessage(h.consumerGroup, h.topic, h.queueId, h.queueOffset, h.maxMsgNums,
                MessageFilter.ALL);
        PullMessageResponseHeader rh = new PullMessageResponseHeader();
        rh.nextBeginOffset = r.nextBeginOffset();
        rh.minOffset = r.minOffset();
        rh.maxOffset = r.maxOffset();
        rh.suggestWhichBrokerId = 0L;
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, r.status().name());
        response.writeHeader(rh);
        List<SelectMappedBufferResult> found = r.messages();
        ByteBuffer[] buffers = new ByteBuffer[found.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = found.get(i).buffer();
        }
        response.setBodyBuffers(buffers, r::release);
        offset = r.nextBeginOffset() >= MESSAGES ? 0 : r.nextBeginOffset();
        try {
            return RemotingFrames.encode(response, PooledByteBufAllocator.DEFAULT);
        } finally {
            response.releaseBody();
        }
    }

    @Benchmark
    public int pull32() throws Exception {
        ByteBuf frame = pull(offset);
        int n = frame.readableBytes();
        frame.release();
        return n;
    }
}
