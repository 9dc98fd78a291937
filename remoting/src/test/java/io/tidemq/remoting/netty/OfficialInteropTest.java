package io.tidemq.remoting.netty;

import io.netty.channel.ChannelHandlerContext;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.netty.ResponseFuture;
import org.apache.rocketmq.remoting.protocol.SerializeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Live calls between the official 4.9.3 remoting stack and ours, in both directions. */
class OfficialInteropTest {
    private static final String AWKWARD = "KEYS\u0001k1 k2\u0002TAGS\u0001TagA \"q\" \\ 中文 \uD83D\uDE00\n";

    private NettyRemotingServer ourServer;
    private org.apache.rocketmq.remoting.netty.NettyRemotingClient officialClient;
    private OfficialLoopbackServer officialServer;
    private NettyRemotingClient ourClient;

    @AfterEach
    void stop() {
        if (officialClient != null) {
            officialClient.shutdown();
        }
        if (ourServer != null) {
            ourServer.shutdown();
        }
        if (ourClient != null) {
            ourClient.shutdown();
        }
        if (officialServer != null) {
            officialServer.shutdown();
        }
    }

    private Echo startOurServer() {
        Echo echo = new Echo();
        ourServer = new NettyRemotingServer(Servers.serverConfig(), null);
        ourServer.registerProcessor(310, echo, null);
        ourServer.start();
        officialClient = new org.apache.rocketmq.remoting.netty.NettyRemotingClient(
                new org.apache.rocketmq.remoting.netty.NettyClientConfig());
        officialClient.start();
        return echo;
    }

    private static org.apache.rocketmq.remoting.protocol.RemotingCommand officialRequest(int code) {
        org.apache.rocketmq.remoting.protocol.RemotingCommand cmd =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(code, null);
        cmd.addExtField("a", "PG_TEST");
        cmd.addExtField("i", AWKWARD);
        cmd.setVersion(399);
        cmd.setBody("hello 中".getBytes(StandardCharsets.UTF_8));
        return cmd;
    }

    @Test
    void officialClientSyncCallToOurServer() throws Exception {
        startOurServer();
        org.apache.rocketmq.remoting.protocol.RemotingCommand request = officialRequest(310);

        org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                officialClient.invokeSync(Servers.addr(ourServer), request, 3000);

        assertThat(response.getCode()).isZero();
        assertThat(response.isResponseType()).isTrue();
        assertThat(response.getOpaque()).isEqualTo(request.getOpaque());
        assertThat(response.getVersion()).isEqualTo(399);
        assertThat(response.getRemark()).isEqualTo("echo 310");
        assertThat(response.getExtFields()).containsEntry("a", "PG_TEST").containsEntry("i", AWKWARD)
                .containsKey("caller");
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello 中");
    }

    @Test
    void officialClientBinaryHeaderCallToOurServer() throws Exception {
        Echo echo = startOurServer();
        org.apache.rocketmq.remoting.protocol.RemotingCommand request = officialRequest(310);
        request.setSerializeTypeCurrentRPC(SerializeType.ROCKETMQ);

        org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                officialClient.invokeSync(Servers.addr(ourServer), request, 3000);

        assertThat(echo.received.get(0).getSerializeType())
                .isEqualTo(io.tidemq.remoting.protocol.SerializeType.ROCKETMQ);
        assertThat(echo.received.get(0).getExtField("i")).isEqualTo(AWKWARD);
        assertThat(response.getSerializeTypeCurrentRPC()).isEqualTo(SerializeType.JSON);
        assertThat(response.getExtFields()).containsEntry("i", AWKWARD);
    }

    @Test
    void officialClientOnewayAndAsyncCallsToOurServer() throws Exception {
        Echo echo = startOurServer();
        List<org.apache.rocketmq.remoting.protocol.RemotingCommand> asyncResponses = new CopyOnWriteArrayList<>();

        officialClient.invokeOneway(Servers.addr(ourServer), officialRequest(310), 3000);
        officialClient.invokeAsync(Servers.addr(ourServer), officialRequest(310), 3000,
                (ResponseFuture f) -> asyncResponses.add(f.getResponseCommand()));

        await().atMost(Duration.ofSeconds(5)).until(() -> echo.received.size() == 2 && asyncResponses.size() == 1);
        assertThat(echo.received).filteredOn(RemotingCommand::isOneway).hasSize(1)
                .allSatisfy(r -> assertThat(r.getExtField("i")).isEqualTo(AWKWARD));
        assertThat(asyncResponses.get(0).getRemark()).isEqualTo("echo 310");
        assertThat(asyncResponses.get(0).getExtFields()).containsEntry("i", AWKWARD);
    }

    @Test
    void officialClientGetsCodeThreeForAnUnknownCode() throws Exception {
        startOurServer();

        org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                officialClient.invokeSync(Servers.addr(ourServer), officialRequest(12345), 3000);

        assertThat(response.getCode()).isEqualTo(3);
        assertThat(response.getRemark()).isEqualTo(" request type 12345 not supported");
    }

    private String startOfficialServer() {
        officialServer = new OfficialLoopbackServer();
        officialServer.registerProcessor(105, new NettyRequestProcessor() {
            @Override
            public org.apache.rocketmq.remoting.protocol.RemotingCommand processRequest(ChannelHandlerContext ctx,
                    org.apache.rocketmq.remoting.protocol.RemotingCommand request) {
                org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                        org.apache.rocketmq.remoting.protocol.RemotingCommand.createResponseCommand(0, "route");
                response.setExtFields(new HashMap<>(request.getExtFields()));
                response.setBody(request.getBody());
                return response;
            }

            @Override
            public boolean rejectRequest() {
                return false;
            }
        });
        int port = officialServer.start();
        ourClient = new NettyRemotingClient(Servers.clientConfig(), null);
        ourClient.start();
        return "127.0.0.1:" + port;
    }

    private static RemotingCommand ourRequest(int code) {
        return RemotingCommand.createRequest(code).addExtField("topic", "TopicTest").addExtField("i", AWKWARD)
                .setBody("body 中".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ourClientSyncAsyncAndOnewayCallsToTheOfficialServer() throws Exception {
        String addr = startOfficialServer();

        RemotingCommand sync = ourClient.invokeSync(addr, ourRequest(105), 3000);
        RemotingCommand binary = ourClient.invokeSync(addr,
                ourRequest(105).setSerializeType(io.tidemq.remoting.protocol.SerializeType.ROCKETMQ), 3000);
        List<RemotingCommand> asyncResponses = new CopyOnWriteArrayList<>();
        ourClient.invokeAsync(addr, ourRequest(105), 3000, new InvokeCallback() {
            @Override
            public void onResponse(RemotingCommand response) {
                asyncResponses.add(response);
            }

            @Override
            public void onFailure(Throwable cause) {
            }
        });
        ourClient.invokeOneway(addr, ourRequest(105), 3000);
        RemotingCommand unknown = ourClient.invokeSync(addr, ourRequest(999), 3000);

        for (RemotingCommand r : List.of(sync, binary)) {
            assertThat(r.getCode()).isZero();
            assertThat(r.getRemark()).isEqualTo("route");
            assertThat(r.getExtFields()).containsEntry("topic", "TopicTest").containsEntry("i", AWKWARD);
            assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("body 中");
        }
        assertThat(unknown.getCode()).isEqualTo(3);
        assertThat(unknown.getRemark()).isEqualTo(" request type 999 not supported");
        await().atMost(Duration.ofSeconds(5)).until(() -> asyncResponses.size() == 1);
        assertThat(asyncResponses.get(0).getExtField("i")).isEqualTo(AWKWARD);
    }

    @Test
    void officialServerCallsOurClient() throws Exception {
        String addr = startOfficialServer();
        Echo clientSide = new Echo();
        ourClient.registerProcessor(40, clientSide, null);
        ourClient.invokeSync(addr, ourRequest(105), 3000);
        await().atMost(Duration.ofSeconds(5)).until(() -> officialServer.connections.size() == 1);
        org.apache.rocketmq.remoting.protocol.RemotingCommand request = officialRequest(40);

        org.apache.rocketmq.remoting.protocol.RemotingCommand response =
                officialServer.invokeSyncImpl(officialServer.connections.get(0), request, 3000);

        assertThat(response.getCode()).isZero();
        assertThat(response.getOpaque()).isEqualTo(request.getOpaque());
        assertThat(response.getExtFields()).containsEntry("i", AWKWARD);
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello 中");
    }
}
