package io.tidemq.benchmarks.remoting;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.HeaderWriter;
import io.tidemq.remoting.protocol.JsonHeaderCodec;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.remoting.protocol.RocketMqHeaderCodec;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.RocketMQSerializable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * Command header encode + decode (one round trip per operation), ours against the official 4.9.3 codec:
 * <ul>
 *   <li>{@code oursJson} — hand-written {@code JsonHeaderCodec} (the production path);</li>
 *   <li>{@code jacksonJson} — the same header with Jackson's streaming API (the alternative considered);</li>
 *   <li>{@code officialJson} — the official RemotingCommand through fastjson 1.2.76;</li>
 *   <li>{@code oursRocketMq} / {@code officialRocketMq} — the ROCKETMQ binary header.</li>
 * </ul>
 * Headers: a SEND_MESSAGE_V2 request (extFields a..m with a properties string) and a PULL_MESSAGE response.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar HeaderCodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderCodecBenchmark {
    @Param({"SEND_MESSAGE_V2", "PULL_MESSAGE_RESPONSE"})
    public String header;

    private RemotingCommand ours;
    private org.apache.rocketmq.remoting.protocol.RemotingCommand official;
    private final ByteArrayBuilder jacksonOut = new ByteArrayBuilder(512);
    private byte[] oursJsonBytes;
    private byte[] officialJsonBytes;

    @Setup
    public void setUp() {
        HashMap<String, String> ext = new HashMap<>();
        if (header.equals("SEND_MESSAGE_V2")) {
            ours = RemotingCommand.createRequest(310);
            ext.put("a", "please_rename_unique_group_name");
            ext.put("b", "TopicTest");
            ext.put("c", "TBW102");
            ext.put("d", "4");
            ext.put("e", "2");
            ext.put("f", "0");
            ext.put("g", "1700000000123");
            ext.put("h", "0");
            ext.put("i", "KEYS\u0001OrderID188\u0002UNIQ_KEY\u00017F00000100002A9F0000000000000000\u0002WAIT"
                    + "\u0001true\u0002TAGS\u0001TagA");
            ext.put("j", "0");
            ext.put("k", "false");
            ext.put("m", "false");
        } else {
            ours = RemotingCommand.createResponse(0, "FOUND");
            ext.put("suggestWhichBrokerId", "0");
            ext.put("nextBeginOffset", "1532");
            ext.put("minOffset", "0");
            ext.put("maxOffset", "1532");
        }
        ours.setOpaque(123456);
        ours.setExtFields(ext);
        official = org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(ours.getCode(), null);
        official.setFlag(ours.getFlag());
        official.setOpaque(ours.getOpaque());
        official.setVersion(ours.getVersion());
        official.setRemark(ours.getRemark());
        official.setExtFields(ext);
        oursJsonBytes = JsonHeaderCodec.encode(ours);
        officialJsonBytes = RemotingSerializable.encode(official);
    }

    @Benchmark
    public int oursJsonEncodeOnly() {
        HeaderWriter w = HeaderWriter.forThread();
        JsonHeaderCodec.encode(ours, w);
        return w.size();
    }

    @Benchmark
    public RemotingCommand oursJsonDecodeOnly() throws RemotingCommandException {
        return JsonHeaderCodec.decode(oursJsonBytes);
    }

    @Benchmark
    public byte[] officialJsonEncodeOnly() {
        return RemotingSerializable.encode(official);
    }

    @Benchmark
    public org.apache.rocketmq.remoting.protocol.RemotingCommand officialJsonDecodeOnly() {
        return RemotingSerializable.decode(officialJsonBytes,
                org.apache.rocketmq.remoting.protocol.RemotingCommand.class);
    }

    @Benchmark
    public RemotingCommand oursJson() throws RemotingCommandException {
        HeaderWriter w = HeaderWriter.forThread();
        JsonHeaderCodec.encode(ours, w);
        return JsonHeaderCodec.decode(w.array(), 0, w.size());
    }

    @Benchmark
    public RemotingCommand jacksonJson() throws IOException {
        return JacksonHeaderCodec.decode(JacksonHeaderCodec.encode(ours, jacksonOut));
    }

    @Benchmark
    public org.apache.rocketmq.remoting.protocol.RemotingCommand officialJson() {
        byte[] bytes = RemotingSerializable.encode(official);
        return RemotingSerializable.decode(bytes, org.apache.rocketmq.remoting.protocol.RemotingCommand.class);
    }

    @Benchmark
    public RemotingCommand oursRocketMq() throws RemotingCommandException {
        HeaderWriter w = HeaderWriter.forThread();
        RocketMqHeaderCodec.encode(ours, w);
        return RocketMqHeaderCodec.decode(w.array(), 0, w.size());
    }

    @Benchmark
    public org.apache.rocketmq.remoting.protocol.RemotingCommand officialRocketMq() throws Exception {
        byte[] bytes = RocketMQSerializable.rocketMQProtocolEncode(official);
        return RocketMQSerializable.rocketMQProtocolDecode(bytes);
    }
}
