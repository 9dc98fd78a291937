package io.tidemq.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tidemq.common.DataVersion;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.StoredRecordWriter;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.body.RegisterBrokerBody;
import io.tidemq.common.protocol.body.RegisterBrokerBodyCodec;
import io.tidemq.common.protocol.header.PullMessageRequestHeader;
import io.tidemq.common.protocol.header.SendMessageRequestHeaderV2;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.netty.RemotingFrames;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.remoting.protocol.SerializeType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the seed inputs of the fuzz tests into {@code src/test/resources}: well-formed examples of each format
 * (what a 4.9 client or broker sends), from which the fuzzer mutates its way into the accepting paths quickly. Run by
 * {@code bench/fuzz.sh --seeds}; the written files are committed and replayed by every ordinary test run.
 */
public final class SeedInputs {
    private SeedInputs() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        RemotingCommand send = sendRequest();
        RemotingCommand pull = pullRequest();
        RemotingCommand pullRocketMq = pullRequest().setSerializeType(SerializeType.ROCKETMQ);
        // FrameDecoderFuzzTest reads its cut point from the last bytes, the stream from the rest
        Path frames = root.resolve("io/tidemq/remoting/netty/FrameDecoderFuzzTestInputs/sameCommandsWhateverTheSegmentation");
        write(frames, "seed-send-json", concat(frame(send), new byte[]{0, 0, 9}));
        write(frames, "seed-pull-rocketmq-twice", concat(frame(pullRocketMq), frame(pullRocketMq), new byte[]{0, 1, 0}));
        write(frames, "seed-pull-json", concat(frame(pull), new byte[]{0, 0, 0}));
        write(root.resolve("io/tidemq/remoting/protocol/JsonHeaderFuzzTestInputs/decodeOrRefuse"), "seed-send",
                header(send));
        write(root.resolve("io/tidemq/remoting/protocol/RocketMqHeaderFuzzTestInputs/decodeOrRefuse"), "seed-pull",
                header(pullRocketMq));
        write(root.resolve("io/tidemq/store/StoredRecordFuzzTestInputs/readsOnlyWhatIsThere"), "seed-two-records",
                concat(record("hello"), record("world, with a longer body")));
        Path register = root.resolve("io/tidemq/common/protocol/body/RegisterBrokerBodyFuzzTestInputs/decodeOrRefuse");
        // the last byte picks the form: 1 full JSON, 2 deflated binary
        write(register, "seed-full-json", concat(RegisterBrokerBodyCodec.encode(registerBody(), false), new byte[]{1}));
        write(register, "seed-compressed", concat(RegisterBrokerBodyCodec.encode(registerBody(), true), new byte[]{2}));
    }

    private static RemotingCommand sendRequest() {
        SendMessageRequestHeaderV2 h = new SendMessageRequestHeaderV2();
        h.a = "ProducerGroup";
        h.b = "TopicTest";
        h.c = "TBW102";
        h.d = 4;
        h.e = 1;
        h.f = 0;
        h.g = 1_700_000_000_000L;
        h.h = 0;
        h.i = "KEYS" + MessageConst.NAME_VALUE_SEPARATOR + "k1" + MessageConst.PROPERTY_SEPARATOR + "TAGS"
                + MessageConst.NAME_VALUE_SEPARATOR + "TagA";
        h.j = 0;
        h.k = false;
        h.m = false;
        return RemotingCommand.createRequest(RequestCode.SEND_MESSAGE_V2, h).setOpaque(7).setRemark("r")
                .setBody("Hello RocketMQ".getBytes());
    }

    private static RemotingCommand pullRequest() {
        PullMessageRequestHeader h = new PullMessageRequestHeader();
        h.consumerGroup = "ConsumerGroup";
        h.topic = "TopicTest";
        h.queueId = 2;
        h.queueOffset = 42L;
        h.maxMsgNums = 32;
        h.sysFlag = 3;
        h.commitOffset = 40L;
        h.suspendTimeoutMillis = 15_000L;
        h.subscription = "TagA || TagB";
        h.subVersion = 1L;
        h.expressionType = "TAG";
        return RemotingCommand.createRequest(RequestCode.PULL_MESSAGE, h).setOpaque(8);
    }

    private static RegisterBrokerBody registerBody() {
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.topicConfigSerializeWrapper.dataVersion = new DataVersion(1_700_000_000_000L, 3);
        for (String t : new String[]{"TopicTest", "%RETRY%ConsumerGroup", "TBW102"}) {
            body.topicConfigSerializeWrapper.topicConfigTable.put(t, new TopicConfig(t, 4, 4, 6));
        }
        return body;
    }

    private static byte[] record(String body) {
        MessageExt m = new MessageExt();
        m.setTopic("TopicTest");
        m.setQueueId(1);
        m.setBody(body.getBytes());
        m.setBornHost(new InetSocketAddress("127.0.0.1", 50000));
        m.setStoreHost(new InetSocketAddress("127.0.0.1", 10911));
        m.putProperty(MessageConst.PROPERTY_TAGS, "TagA");
        return StoredRecordWriter.write(m);
    }

    private static byte[] frame(RemotingCommand cmd) {
        ByteBuf b = RemotingFrames.encode(cmd, UnpooledByteBufAllocator.DEFAULT);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        return bytes;
    }

    /** The header bytes of a frame: after the length, the type and header-length ints, before the body. */
    private static byte[] header(RemotingCommand cmd) {
        byte[] f = frame(cmd);
        int headerLength = ((f[5] & 0xFF) << 16) | ((f[6] & 0xFF) << 8) | (f[7] & 0xFF);
        return Arrays.copyOfRange(f, 8, 8 + headerLength);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
