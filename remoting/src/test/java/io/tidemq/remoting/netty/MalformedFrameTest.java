package io.tidemq.remoting.netty;

import io.tidemq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad bytes from one client close that client's connection and nothing else: a second, well-behaved client keeps
 * getting answers the whole time.
 */
class MalformedFrameTest {
    private final Echo echo = new Echo();
    private final RecordingListener events = new RecordingListener();
    private NettyRemotingServer server;
    private NettyRemotingClient goodClient;
    private Thread goodTraffic;
    private final AtomicBoolean trafficRunning = new AtomicBoolean(true);
    private final AtomicInteger goodAnswers = new AtomicInteger();
    private final List<Throwable> goodFailures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = new NettyRemotingServer(Servers.serverConfig(), events);
        server.registerProcessor(100, echo, null);
        server.start();
        goodClient = new NettyRemotingClient(Servers.clientConfig(), null);
        goodClient.start();
        String addr = Servers.addr(server);
        goodTraffic = new Thread(() -> {
            int i = 0;
            while (trafficRunning.get()) {
                try {
                    String body = "good-" + i++;
                    RemotingCommand r = goodClient.invokeSync(addr,
                            RemotingCommand.createRequest(100).setBody(body.getBytes(StandardCharsets.UTF_8)), 3000);
                    if (r.getCode() != 0 || !body.equals(new String(r.getBody(), StandardCharsets.UTF_8))) {
                        throw new AssertionError("wrong answer " + r);
                    }
                    goodAnswers.incrementAndGet();
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable t) {
                    goodFailures.add(t);
                }
            }
        }, "good-client");
        goodTraffic.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> goodAnswers.get() > 0);
    }

    @AfterEach
    void stop() throws Exception {
        int before = goodAnswers.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> goodAnswers.get() > before + 3);
        trafficRunning.set(false);
        goodTraffic.join(5000);
        goodClient.shutdown();
        server.shutdown();
        assertThat(goodFailures).isEmpty();
    }

    private static byte[] frame(int totalLength, int typeAndHeaderLength, byte[] rest) {
        return ByteBuffer.allocate(8 + rest.length).putInt(totalLength).putInt(typeAndHeaderLength).put(rest).array();
    }

    private void assertClosedAndGoodClientUnaffected(byte[] bytes) throws Exception {
        int answersBefore = goodAnswers.get();
        try (RawConnection raw = new RawConnection(server.localPort())) {
            raw.send(bytes);
            assertThat(raw.closedByPeer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> goodAnswers.get() > answersBefore + 3);
        assertThat(goodFailures).isEmpty();
    }

    @Test
    void garbageClosesTheConnection() throws Exception {
        byte[] garbage = new byte[64];
        new java.util.Random(42).nextBytes(garbage);
        garbage[0] = 0;
        garbage[1] = 0;
        garbage[2] = 0;
        garbage[3] = 60;

        assertClosedAndGoodClientUnaffected(garbage);
    }

    @Test
    void unparsableJsonHeaderClosesTheConnection() throws Exception {
        byte[] header = "{\"code\":oops}".getBytes(StandardCharsets.US_ASCII);

        assertClosedAndGoodClientUnaffected(frame(4 + header.length, header.length, header));
    }

    @Test
    void unknownSerializeTypeClosesTheConnection() throws Exception {
        byte[] header = "{\"code\":100}".getBytes(StandardCharsets.US_ASCII);

        assertClosedAndGoodClientUnaffected(frame(4 + header.length, (7 << 24) | header.length, header));
    }

    @Test
    void frameOverTheDefaultLimitClosesTheConnectionBeforeItsBodyArrives() throws Exception {
        int overLimitByOne = 16 * 1024 * 1024 - 4 + 1;

        assertClosedAndGoodClientUnaffected(ByteBuffer.allocate(8).putInt(overLimitByOne).putInt(10).array());
    }

    @Test
    void negativeOrTooShortLengthClosesTheConnection() throws Exception {
        assertClosedAndGoodClientUnaffected(ByteBuffer.allocate(8).putInt(-5).putInt(0).array());
        assertClosedAndGoodClientUnaffected(ByteBuffer.allocate(4).putInt(2).array());
    }

    @Test
    void headerLengthBeyondTheFrameClosesTheConnection() throws Exception {
        byte[] header = "{\"code\":100}".getBytes(StandardCharsets.US_ASCII);

        assertClosedAndGoodClientUnaffected(frame(4 + header.length, header.length + 100, header));
    }

    @Test
    void binaryHeaderWithLyingLengthsClosesTheConnection() throws Exception {
        byte[] header = ByteBuffer.allocate(21).putShort((short) 100).put((byte) 0).putShort((short) 399)
                .putInt(1).putInt(0).putInt(1000).putInt(0).array();

        assertClosedAndGoodClientUnaffected(frame(4 + header.length, (1 << 24) | header.length, header));
    }

    @Test
    void unknownCodeIsAnsweredAndTheConnectionStaysUsable() throws Exception {
        try (RawConnection raw = new RawConnection(server.localPort())) {
            RemotingCommand unknown = RemotingCommand.createRequest(9999);
            raw.send(unknown);

            RemotingCommand answer = raw.read();

            assertThat(answer.getCode()).isEqualTo(3);
            assertThat(answer.getRemark()).isEqualTo(" request type 9999 not supported");
            assertThat(answer.getOpaque()).isEqualTo(unknown.getOpaque());
            assertThat(answer.isResponse()).isTrue();

            RemotingCommand known = RemotingCommand.createRequest(100);
            raw.send(known);
            assertThat(raw.read().getOpaque()).isEqualTo(known.getOpaque());
        }
    }

    @Test
    void onewayRequestsNeverGetAnAnswerNotEvenAnError() throws Exception {
        try (RawConnection raw = new RawConnection(server.localPort())) {
            raw.send(RemotingCommand.createRequest(100).markOneway());
            raw.send(RemotingCommand.createRequest(9999).markOneway());
            RemotingCommand normal = RemotingCommand.createRequest(100);
            raw.send(normal);

            RemotingCommand first = raw.read();

            assertThat(first.getOpaque()).isEqualTo(normal.getOpaque());
            await().atMost(Duration.ofSeconds(5)).until(() -> echo.received.stream().anyMatch(RemotingCommand::isOneway));
        }
    }

    @Test
    void responseWithUnknownOpaqueIsDroppedAndTheConnectionStaysUsable() throws Exception {
        try (RawConnection raw = new RawConnection(server.localPort())) {
            raw.send(RemotingCommand.createResponse(0, "nobody asked").setOpaque(424242));
            RemotingCommand normal = RemotingCommand.createRequest(100);
            raw.send(normal);

            assertThat(raw.read().getOpaque()).isEqualTo(normal.getOpaque());
        }
    }

    @Test
    void framesSplitIntoSingleBytesAreReassembled() throws Exception {
        RemotingCommand request = RemotingCommand.createRequest(100).setBody(new byte[]{9, 8, 7});
        try (RawConnection raw = new RawConnection(server.localPort())) {
            io.netty.buffer.ByteBuf buf = RemotingFrames.encode(request, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
            byte[] all = new byte[buf.readableBytes()];
            buf.readBytes(all);
            buf.release();
            for (byte b : all) {
                raw.send(new byte[]{b});
            }
            RemotingCommand answer = raw.read();
            assertThat(answer.getOpaque()).isEqualTo(request.getOpaque());
            assertThat(answer.getBody()).containsExactly(9, 8, 7);
        }
    }
}
