package io.tidemq.it.broker;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.CreateTopicRequestHeader;
import io.tidemq.common.protocol.header.SendMessageRequestHeaderV2;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyRemotingClient;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Sends the broker must refuse with the documented codes, while it keeps serving good sends. */
class SendRejectionIT {
    @TempDir
    static Path dir;
    static TideNamesrv namesrv;
    static TideBroker broker;
    static NettyRemotingClient raw;

    @BeforeAll
    static void start() {
        namesrv = new TideNamesrv(dir.resolve("ns"));
        broker = new TideBroker(namesrv.address(), dir.resolve("b"),
                Map.of("autoCreateTopicEnable", "false", "maxMessageSize", String.valueOf(64 * 1024)));
        raw = new NettyRemotingClient(new NettyClientConfig(), new ChannelEventListener() { });
        raw.start();
    }

    @AfterAll
    static void stop() {
        raw.shutdown();
        broker.close();
        namesrv.close();
    }

    private static RemotingCommand send(String topic, byte[] body) throws Exception {
        SendMessageRequestHeaderV2 h = new SendMessageRequestHeaderV2();
        h.a = "PG_RAW";
        h.b = topic;
        h.c = "TBW102";
        h.d = 4;
        h.e = 0;
        h.f = 0;
        h.g = System.currentTimeMillis();
        h.h = 0;
        h.i = "UNIQ_KEY\u0001ABC\u0002TAGS\u0001T";
        h.k = false;
        h.m = false;
        RemotingCommand request = RemotingCommand.createRequest(RequestCode.SEND_MESSAGE_V2, h);
        request.setBody(body);
        return raw.invokeSync(broker.address(), request, 5000);
    }

    private static void createTopic(String topic, int perm) throws Exception {
        CreateTopicRequestHeader h = new CreateTopicRequestHeader();
        h.topic = topic;
        h.defaultTopic = "TBW102";
        h.readQueueNums = 2;
        h.writeQueueNums = 2;
        h.perm = perm;
        h.topicFilterType = "SINGLE_TAG";
        RemotingCommand r = raw.invokeSync(broker.address(),
                RemotingCommand.createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, h), 5000);
        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void missingTopicWithoutAutoCreateIsTopicNotExist() throws Exception {
        RemotingCommand r = send("NO_SUCH_TOPIC", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(r.getCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(r.getRemark()).contains("NO_SUCH_TOPIC").contains("not exist");
    }

    @Test
    void readOnlyTopicIsNoPermission() throws Exception {
        createTopic("RO_TOPIC", 4);
        RemotingCommand r = send("RO_TOPIC", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(r.getCode()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(r.getRemark()).contains("RO_TOPIC");
    }

    @Test
    void scheduleTopicIsForbidden() throws Exception {
        RemotingCommand r = send("SCHEDULE_TOPIC_XXXX", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(r.getCode()).isEqualTo(ResponseCode.NO_PERMISSION);
    }

    @Test
    void oversizedMessageIsIllegalAndBrokerKeepsServing() throws Exception {
        createTopic("BIG_TOPIC", 6);
        byte[] big = new byte[100 * 1024];
        new Random(7).nextBytes(big);
        DefaultMQProducer producer = Clients.producer("PG_BIG", namesrv.address());
        producer.start();
        try {
            Throwable t = catchThrowable(() -> producer.send(new Message("BIG_TOPIC", big)));
            assertThat(t).isInstanceOf(MQBrokerException.class);
            assertThat(((MQBrokerException) t).getResponseCode()).isEqualTo(ResponseCode.MESSAGE_ILLEGAL);
            SendResult ok = producer.send(new Message("BIG_TOPIC", "small".getBytes(StandardCharsets.UTF_8)));
            assertThat(ok.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            assertThat(ok.getQueueOffset()).isZero();
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void missingHeaderFieldIsSystemError() throws Exception {
        RemotingCommand request = RemotingCommand.createRequest(RequestCode.SEND_MESSAGE_V2);
        request.addExtField("b", "BIG_TOPIC");
        request.setBody(new byte[1]);
        RemotingCommand r = raw.invokeSync(broker.address(), request, 5000);
        assertThat(r.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    }

    @Test
    void unknownRequestCodeIsNotSupported() throws Exception {
        RemotingCommand r = raw.invokeSync(broker.address(), RemotingCommand.createRequest(9999), 5000);
        assertThat(r.getCode()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    }
}
