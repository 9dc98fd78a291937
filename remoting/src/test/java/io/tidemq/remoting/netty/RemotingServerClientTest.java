package io.tidemq.remoting.netty;

import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.exception.RemotingConnectException;
import io.tidemq.remoting.exception.RemotingTimeoutException;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.remoting.protocol.Required;
import io.tidemq.remoting.protocol.SerializeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.tidemq.remoting.netty.Servers.addr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Our client against our server: call styles, dispatch rules, server-initiated calls, connection events. */
class RemotingServerClientTest {
    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final Echo echo = new Echo();
    private NettyRemotingServer server;
    private NettyRemotingClient client;
    private String addr;

    @BeforeEach
    void start() {
        server = new NettyRemotingServer(Servers.serverConfig(), serverEvents);
        server.registerProcessor(100, echo, null);
        client = new NettyRemotingClient(Servers.clientConfig(), clientEvents);
    }

    private void go() {
        server.start();
        client.start();
        addr = addr(server);
    }

    @AfterEach
    void stop() {
        client.shutdown();
        server.shutdown();
        executors.forEach(ExecutorService::shutdownNow);
    }

    private static RemotingCommand request(int code) {
        return RemotingCommand.createRequest(code).addExtField("topic", "T\u0001中").setBody(
                "payload".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void syncCallGetsTheProcessorsResponseWithTheRequestsOpaque() throws Exception {
        go();
        RemotingCommand request = request(100);

        RemotingCommand response = client.invokeSync(addr, request, 3000);

        assertThat(response.isResponse()).isTrue();
        assertThat(response.getOpaque()).isEqualTo(request.getOpaque());
        assertThat(response.getCode()).isZero();
        assertThat(response.getRemark()).isEqualTo("echo 100");
        assertThat(response.getExtField("topic")).isEqualTo("T\u0001中");
        assertThat(response.getExtField("caller")).startsWith("127.0.0.1:");
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("payload");
        assertThat(response.getVersion()).isEqualTo(RemotingCommand.CURRENT_VERSION);
        assertThat(echo.received).hasSize(1);
    }

    @Test
    void binaryHeaderRequestsAreUnderstood() throws Exception {
        go();
        RemotingCommand request = request(100).setSerializeType(SerializeType.ROCKETMQ);

        RemotingCommand response = client.invokeSync(addr, request, 3000);

        assertThat(echo.received.get(0).getSerializeType()).isEqualTo(SerializeType.ROCKETMQ);
        assertThat(response.getSerializeType()).isEqualTo(SerializeType.JSON);
        assertThat(response.getExtField("topic")).isEqualTo("T\u0001中");
    }

    /** An async call with {@code body}: its answer's body goes to {@code bodies} (checked against the opaque). */
    private void callCollectingBody(int code, String body, List<String> bodies, AtomicInteger failures,
                                    CountDownLatch done) throws Exception {
        RemotingCommand req = RemotingCommand.createRequest(code).setBody(body.getBytes(StandardCharsets.UTF_8));
        client.invokeAsync(addr, req, 5000, new InvokeCallback() {
            @Override
            public void onResponse(RemotingCommand response) {
                assertThat(response.getOpaque()).isEqualTo(req.getOpaque());
                bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
                done.countDown();
            }

            @Override
            public void onFailure(Throwable cause) {
                failures.incrementAndGet();
                done.countDown();
            }
        });
    }

    @Test
    void manyConcurrentAsyncCallsEachGetTheirOwnResponseOnce() throws Exception {
        go();
        int calls = 200;
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(calls);
        for (int i = 0; i < calls; i++) {
            callCollectingBody(100, "m" + i, bodies, failures, done);
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).hasValue(0);
        assertThat(bodies).hasSize(calls).doesNotHaveDuplicates().contains("m0", "m199");
    }

    /** A group commit's way of answering: requests held, then all answered together from another thread. */
    @Test
    void answersWrittenInGroupsFromAnotherThreadAllArriveEachWithItsOwnBody() throws Exception {
        List<RemotingCommand> held = new CopyOnWriteArrayList<>();
        AtomicReference<RemoteChannel> channel = new AtomicReference<>();
        server.registerProcessor(106, (ch, req) -> {
            channel.set(ch);
            held.add(req);
            return null;
        }, null);
        go();
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        int perGroup = 20;
        for (int group = 0; group < 3; group++) {
            CountDownLatch done = new CountDownLatch(perGroup);
            for (int i = 0; i < perGroup; i++) {
                callCollectingBody(106, "g" + group + "m" + i, bodies, failures, done);
            }
            int expected = perGroup * (group + 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == expected);
            List<RemotingCommand> batch = List.copyOf(held.subList(expected - perGroup, expected));
            Thread answerer = new Thread(() -> batch.forEach(req -> channel.get().writeInGroup(
                    RemotingCommand.createResponse(0, "stored").setOpaque(req.getOpaque())
                            .setBody(req.getBody()))), "group-answerer");
            answerer.start();
            answerer.join();

            assertThat(done.await(5, TimeUnit.SECONDS)).as("every answer of group %d arrives", group).isTrue();
        }

        assertThat(failures).hasValue(0);
        assertThat(bodies).hasSize(3 * perGroup).doesNotHaveDuplicates().contains("g0m0", "g1m19", "g2m7");
    }

    @Test
    void onewayReachesTheProcessorFlaggedOneway() throws Exception {
        go();

        client.invokeOneway(addr, request(100), 3000);

        await().atMost(Duration.ofSeconds(5)).until(() -> echo.received.size() == 1);
        assertThat(echo.received.get(0).isOneway()).isTrue();
        assertThat(echo.received.get(0).getExtField("topic")).isEqualTo("T\u0001中");
    }

    @Test
    void syncTimeoutThrowsClosesTheConnectionAndTheNextCallReconnects() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.registerProcessor(101, (ch, req) -> {
            release.await(10, TimeUnit.SECONDS);
            return RemotingCommand.createResponse(0, "late");
        }, null);
        go();

        assertThatThrownBy(() -> client.invokeSync(addr, request(101), 300))
                .isInstanceOf(RemotingTimeoutException.class).hasMessageContaining(addr);
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> serverEvents.of("close").size() == 1);
        assertThat(client.invokeSync(addr, request(100), 3000).getRemark()).isEqualTo("echo 100");
        await().atMost(Duration.ofSeconds(5)).until(() -> serverEvents.of("connect").size() == 2);
    }

    @Test
    void asyncTimeoutReportsOneFailure() throws Exception {
        server.registerProcessor(102, (ch, req) -> null, null);
        go();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger responses = new AtomicInteger();

        client.invokeAsync(addr, request(102), 200, new InvokeCallback() {
            @Override
            public void onResponse(RemotingCommand response) {
                responses.incrementAndGet();
            }

            @Override
            public void onFailure(Throwable cause) {
                failures.add(cause);
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> !failures.isEmpty());
        // A later call on the same connection proves the table no longer holds the expired request.
        assertThat(client.invokeSync(addr, request(100), 3000).getCode()).isZero();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(RemotingTimeoutException.class);
        assertThat(responses).hasValue(0);
    }

    @Test
    void processorExceptionBecomesSystemErrorWithADescription() throws Exception {
        server.registerProcessor(103, (ch, req) -> {
            throw new IllegalStateException("boom");
        }, null);
        go();

        RemotingCommand response = client.invokeSync(addr, request(103), 3000);

        assertThat(response.getCode()).isEqualTo(1);
        assertThat(response.getRemark()).startsWith("java.lang.IllegalStateException: boom, ")
                .contains("RemotingServerClientTest");
    }

    /** A header with a mandatory field, to show that decode failures reach the caller as SYSTEM_ERROR. */
    static class NeedsGroup {
        @Required
        String group;
    }

    @Test
    void headerDecodeFailureBecomesSystemError() throws Exception {
        server.registerProcessor(104, (ch, req) -> {
            req.decodeHeader(NeedsGroup.class);
            return RemotingCommand.createResponse(0, null);
        }, null);
        go();

        RemotingCommand response = client.invokeSync(addr, request(104), 3000);

        assertThat(response.getCode()).isEqualTo(1);
        assertThat(response.getRemark()).contains("RemotingCommandException").contains("<group> is null");
    }

    /** A hook that records the request codes answered SYSTEM_BUSY before they ran. */
    private static RpcHook busyRecorder(List<Integer> codes) {
        return new RpcHook() {
            @Override
            public void beforeRequest(String remoteAddr, RemotingCommand request) {
            }

            @Override
            public void rejectedAsBusy(String remoteAddr, RemotingCommand request) {
                codes.add(request.getCode());
            }
        };
    }

    @Test
    void rejectRequestAnswersSystemBusy() throws Exception {
        server.registerProcessor(105, new RequestProcessor() {
            @Override
            public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
                throw new AssertionError("must not run");
            }

            @Override
            public boolean rejectRequest() {
                return true;
            }
        }, null);
        List<Integer> busy = new CopyOnWriteArrayList<>();
        server.registerRpcHook(busyRecorder(busy));
        go();

        RemotingCommand response = client.invokeSync(addr, request(105), 3000);

        assertThat(response.getCode()).isEqualTo(2);
        assertThat(response.getRemark()).isEqualTo("[REJECTREQUEST]system busy, start flow control for a while");
        assertThat(busy).containsExactly(105);
    }

    @Test
    void rejectRequestThatThrowsAnswersSystemErrorAndKeepsTheConnection() throws Exception {
        server.registerProcessor(109, new RequestProcessor() {
            @Override
            public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
                throw new AssertionError("must not run");
            }

            @Override
            public boolean rejectRequest() {
                throw new IllegalStateException("store not ready");
            }
        }, null);
        go();

        RemotingCommand response = client.invokeSync(addr, request(109), 3000);

        assertThat(response.getCode()).isEqualTo(1);
        assertThat(response.getRemark()).contains("store not ready");
        assertThat(client.invokeSync(addr, request(100), 3000).getCode()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> serverEvents.of("connect").size() == 1);
        assertThat(serverEvents.of("close")).isEmpty();
    }

    @Test
    void fullExecutorAnswersSystemBusyOverload() throws Exception {
        ThreadPoolExecutor single = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
        executors.add(single);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.registerProcessor(106, (ch, req) -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return RemotingCommand.createResponse(0, "slow done");
        }, single);
        List<Integer> busy = new CopyOnWriteArrayList<>();
        server.registerRpcHook(busyRecorder(busy));
        go();
        AtomicReference<RemotingCommand> first = new AtomicReference<>();
        client.invokeAsync(addr, request(106), 10_000, new InvokeCallback() {
            @Override
            public void onResponse(RemotingCommand response) {
                first.set(response);
            }

            @Override
            public void onFailure(Throwable cause) {
            }
        });
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        RemotingCommand rejected = client.invokeSync(addr, request(106), 3000);
        release.countDown();

        assertThat(rejected.getCode()).isEqualTo(2);
        assertThat(rejected.getRemark()).isEqualTo("[OVERLOAD]system busy, start flow control for a while");
        assertThat(busy).containsExactly(106);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.get() != null);
        assertThat(first.get().getRemark()).isEqualTo("slow done");
    }

    @Test
    void unknownCodeAnswersRequestCodeNotSupported() throws Exception {
        go();

        RemotingCommand response = client.invokeSync(addr, request(9999), 3000);

        assertThat(response.getCode()).isEqualTo(3);
        assertThat(response.getRemark()).isEqualTo(" request type 9999 not supported");
    }

    @Test
    void defaultProcessorTakesUnregisteredCodes() throws Exception {
        Echo fallback = new Echo();
        server.registerDefaultProcessor(fallback, null);
        go();

        assertThat(client.invokeSync(addr, request(4242), 3000).getRemark()).isEqualTo("echo 4242");
        assertThat(client.invokeSync(addr, request(100), 3000).getRemark()).isEqualTo("echo 100");
        assertThat(fallback.received).extracting(RemotingCommand::getCode).containsExactly(4242);
    }

    @Test
    void processorMayAnswerLaterThroughTheRemoteChannel() throws Exception {
        AtomicReference<RemoteChannel> parked = new AtomicReference<>();
        AtomicReference<RemotingCommand> parkedRequest = new AtomicReference<>();
        server.registerProcessor(107, (ch, req) -> {
            parkedRequest.set(req);
            parked.set(ch);
            return null;
        }, null);
        go();
        List<RemotingCommand> responses = new CopyOnWriteArrayList<>();
        client.invokeAsync(addr, request(107), 10_000, new InvokeCallback() {
            @Override
            public void onResponse(RemotingCommand response) {
                responses.add(response);
            }

            @Override
            public void onFailure(Throwable cause) {
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> parked.get() != null);

        AtomicReference<String> answeredOn = new AtomicReference<>();
        parked.get().ioThread().execute(() -> {
            answeredOn.set(Thread.currentThread().getName());
            parked.get().writeAndForget(RemotingCommand.responseTo(parkedRequest.get(), 0, "held, then answered"));
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> responses.size() == 1);
        assertThat(responses.get(0).getRemark()).isEqualTo("held, then answered");
        assertThat(answeredOn.get()).as("the connection's I/O thread").contains("ServerSelector");
    }

    @Test
    void rpcHooksRunAroundProcessingAndCanReject() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        server.registerRpcHook(new RpcHook() {
            @Override
            public void beforeRequest(String remoteAddr, RemotingCommand request) {
                calls.add("before " + request.getCode());
                if (request.getExtField("signature") == null) {
                    throw new SecurityException("missing signature");
                }
            }

            @Override
            public void afterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                calls.add("after " + response.getRemark());
            }
        });
        go();

        RemotingCommand rejected = client.invokeSync(addr, request(100), 3000);
        RemotingCommand accepted = client.invokeSync(addr, request(100).addExtField("signature", "s"), 3000);

        assertThat(rejected.getCode()).isEqualTo(1);
        assertThat(rejected.getRemark()).isEqualTo("java.lang.SecurityException: missing signature");
        assertThat(accepted.getCode()).isZero();
        assertThat(calls).containsExactly("before 100", "before 100", "after echo 100");
    }

    @Test
    void serverCanCallTheClientSyncAsyncAndOneway() throws Exception {
        Echo clientSide = new Echo();
        client.registerProcessor(40, clientSide, null);
        go();
        client.invokeSync(addr, request(100), 3000);
        await().atMost(Duration.ofSeconds(5)).until(() -> serverEvents.of("connect").size() == 1);
        RemoteChannel toClient = serverEvents.of("connect").get(0).channel();

        RemotingCommand syncResponse = server.invokeSync(toClient,
                RemotingCommand.createRequest(40).addExtField("consumerGroup", "CG"), 3000);
        List<RemotingCommand> asyncResponses = new CopyOnWriteArrayList<>();
        server.invokeAsync(toClient, RemotingCommand.createRequest(40).addExtField("n", "2"), 3000,
                new InvokeCallback() {
                    @Override
                    public void onResponse(RemotingCommand response) {
                        asyncResponses.add(response);
                    }

                    @Override
                    public void onFailure(Throwable cause) {
                    }
                });
        server.invokeOneway(toClient, RemotingCommand.createRequest(40).addExtField("n", "3"), 3000);

        assertThat(syncResponse.getRemark()).isEqualTo("echo 40");
        assertThat(syncResponse.getExtField("consumerGroup")).isEqualTo("CG");
        await().atMost(Duration.ofSeconds(5)).until(() -> asyncResponses.size() == 1 && clientSide.received.size() == 3);
        assertThat(asyncResponses.get(0).getExtField("n")).isEqualTo("2");
        assertThat(clientSide.received).extracting(r -> r.getExtField("n")).containsExactlyInAnyOrder(null, "2", "3");
        assertThat(clientSide.received).filteredOn(RemotingCommand::isOneway).hasSize(1);
    }

    @Test
    void clientAnswersUnknownServerRequestsWithCodeThree() throws Exception {
        go();
        client.invokeSync(addr, request(100), 3000);
        await().atMost(Duration.ofSeconds(5)).until(() -> serverEvents.of("connect").size() == 1);

        RemotingCommand response = server.invokeSync(serverEvents.of("connect").get(0).channel(),
                RemotingCommand.createRequest(777), 3000);

        assertThat(response.getCode()).isEqualTo(3);
    }

    @Test
    void zeroCopyBodyBuffersAreSentAfterTheArrayBodyAndReleasedOnce() throws Exception {
        AtomicInteger releases = new AtomicInteger();
        server.registerProcessor(108, (ch, req) -> {
            ByteBuffer direct = ByteBuffer.allocateDirect(16);
            direct.put("abc".getBytes(StandardCharsets.US_ASCII)).flip();
            ByteBuffer heap = ByteBuffer.wrap("xxdefyy".getBytes(StandardCharsets.US_ASCII), 2, 3);
            return RemotingCommand.createResponse(0, null).setBody("head-".getBytes(StandardCharsets.US_ASCII))
                    .setBodyBuffers(new ByteBuffer[]{direct, heap}, releases::incrementAndGet);
        }, null);
        go();

        RemotingCommand response = client.invokeSync(addr, request(108), 3000);

        assertThat(new String(response.getBody(), StandardCharsets.US_ASCII)).isEqualTo("head-abcdef");
        await().atMost(Duration.ofSeconds(5)).until(() -> releases.get() == 1);
    }

    @Test
    void connectionEventsArriveOnTheDedicatedEventThread() throws Exception {
        go();
        client.invokeSync(addr, request(100), 3000);

        client.closeChannel(addr);

        await().atMost(Duration.ofSeconds(5)).until(() -> serverEvents.of("close").size() == 1
                && clientEvents.of("close").size() == 1);
        assertThat(serverEvents.events).extracting(RecordingListener.Event::thread)
                .allMatch(t -> t.startsWith("TideMQ-ServerChannelEvents"));
        assertThat(clientEvents.events).extracting(RecordingListener.Event::thread)
                .allMatch(t -> t.startsWith("TideMQ-ClientChannelEvents"));
        RecordingListener.Event connect = serverEvents.of("connect").get(0);
        assertThat(serverEvents.of("close").get(0).channel()).isSameAs(connect.channel());
        assertThat(connect.remoteAddr()).startsWith("127.0.0.1:").isEqualTo(connect.channel().remoteAddress());
        assertThat(connect.channel().localAddress()).isEqualTo(addr);
        assertThat(clientEvents.of("connect").get(0).remoteAddr()).isEqualTo(addr);
        assertThat(client.invokeSync(addr, request(100), 3000).getCode()).isZero();
    }

    @Test
    void idleConnectionsAreClosedOnBothSides() throws Exception {
        NettyServerConfig config = Servers.serverConfig();
        config.setServerChannelMaxIdleTimeSeconds(1);
        server.shutdown();
        server = new NettyRemotingServer(config, serverEvents);
        server.registerProcessor(100, echo, null);
        go();
        client.invokeSync(addr, request(100), 3000);

        await().atMost(Duration.ofSeconds(10)).until(() -> serverEvents.of("close").size() == 1
                && clientEvents.of("close").size() == 1);
        assertThat(serverEvents.of("idle")).hasSize(1);
        assertThat(client.invokeSync(addr, request(100), 3000).getCode()).isZero();
    }

    @Test
    void unreachableAddressIsAConnectException() throws Exception {
        go();
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        assertThatThrownBy(() -> client.invokeSync("127.0.0.1:" + closedPort, request(100), 3000))
                .isInstanceOf(RemotingConnectException.class).hasMessageContaining("127.0.0.1:" + closedPort);
        assertThatThrownBy(() -> client.invokeSync("no-port", request(100), 3000))
                .isInstanceOf(RemotingConnectException.class);
    }

    @Test
    void serverCallToAClosedChannelFails() throws Exception {
        go();
        client.invokeSync(addr, request(100), 3000);
        await().atMost(Duration.ofSeconds(5)).until(() -> serverEvents.of("connect").size() == 1);
        RemoteChannel toClient = serverEvents.of("connect").get(0).channel();
        client.closeChannel(addr);
        await().atMost(Duration.ofSeconds(5)).until(() -> !toClient.isActive());

        assertThatThrownBy(() -> server.invokeSync(toClient, RemotingCommand.createRequest(40), 3000))
                .isInstanceOf(io.tidemq.remoting.exception.RemotingSendRequestException.class);
    }
}
