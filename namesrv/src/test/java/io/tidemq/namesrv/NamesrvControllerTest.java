package io.tidemq.namesrv;

import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.common.DataVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A NameServer on a real port, talked to by the OFFICIAL 4.9.3 remoting client: registration over one connection,
 * removal when that connection closes or goes silent, and answers to unknown codes.
 */
class NamesrvControllerTest {
    @TempDir
    Path dir;

    private NamesrvController namesrv;
    private NettyRemotingClient broker;
    private NettyRemotingClient client;

    private NamesrvController start(long expiryMillis, long scanMillis) {
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv.properties").toString());
        config.setBrokerChannelExpiredTime(expiryMillis);
        config.setScanNotActiveBrokerInterval(scanMillis);
        NettyServerConfig net = new NettyServerConfig();
        net.setBindAddress("127.0.0.1");
        net.setListenPort(0);
        namesrv = new NamesrvController(config, net);
        namesrv.start();
        broker = new NettyRemotingClient(new NettyClientConfig());
        broker.start();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        return namesrv;
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.shutdown();
        }
        if (client != null) {
            client.shutdown();
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    private void register(boolean oneway) throws Exception {
        register(oneway, "127.0.0.1:10911", null);
    }

    /** A master of broker-a at {@code addr}; in controller mode it names its master epoch (a TideMQ header field). */
    private int register(boolean oneway, String addr, Integer masterEpoch) throws Exception {
        RegisterBrokerBody body = new RegisterBrokerBody();
        DataVersion dv = new DataVersion();
        dv.setCounter(new AtomicLong(1));
        body.getTopicConfigSerializeWrapper().setDataVersion(dv);
        body.getTopicConfigSerializeWrapper().getTopicConfigTable().put("TopicA", new TopicConfig("TopicA", 4, 4, 6));
        byte[] bytes = body.encode(false);
        RegisterBrokerRequestHeader h = new RegisterBrokerRequestHeader();
        h.setBrokerName("broker-a");
        h.setBrokerAddr(addr);
        h.setClusterName("DefaultCluster");
        h.setHaServerAddr("127.0.0.1:10912");
        h.setBrokerId(0L);
        h.setBodyCrc32(UtilAll.crc32(bytes));
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, h);
        request.setBody(bytes);
        request.setVersion(399); // what a 4.9.3 broker sends; below 37 the body would be read as the old format
        if (masterEpoch != null) {
            request.addExtField("masterEpoch", masterEpoch.toString());
        }
        if (oneway) {
            broker.invokeOneway(namesrv.address(), request, 3000);
            return ResponseCode.SUCCESS;
        }
        int code = broker.invokeSync(namesrv.address(), request, 3000).getCode();
        if (masterEpoch == null) {
            assertThat(code).isEqualTo(ResponseCode.SUCCESS);
        }
        return code;
    }

    @Test
    void aRestartedNameServerStillRefusesTheMasterOfAnOlderEpoch() throws Exception {
        start(120_000, 10_000);
        assertThat(register(false, "127.0.0.1:10911", 3)).isEqualTo(ResponseCode.SUCCESS);
        assertThat(register(false, "127.0.0.2:10911", 4)).isEqualTo(ResponseCode.SUCCESS);
        stop();

        // the deposed master of epoch 3 reaches the restarted NameServer before the master of epoch 4 does
        start(120_000, 10_000);
        assertThat(register(false, "127.0.0.1:10911", 3)).isEqualTo(ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH);
        assertThat(route("TopicA").getCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(register(false, "127.0.0.2:10911", 4)).isEqualTo(ResponseCode.SUCCESS);
        TopicRouteData data = TopicRouteData.decode(route("TopicA").getBody(), TopicRouteData.class);
        assertThat(data.getBrokerDatas().get(0).getBrokerAddrs()).containsExactly(
                java.util.Map.entry(0L, "127.0.0.2:10911"));
        // a newer epoch replaces it, and is what the next restart remembers
        assertThat(register(false, "127.0.0.1:10911", 5)).isEqualTo(ResponseCode.SUCCESS);
        stop();
        start(120_000, 10_000);
        assertThat(register(false, "127.0.0.2:10911", 4)).isEqualTo(ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH);
        // an operator who started the group again from epoch 1 deletes the record (mqadmin deleteKvConfig)
        namesrv.kvConfigManager().delete(NamesrvController.MASTER_EPOCH_NAMESPACE, "broker-a");
        assertThat(register(false, "127.0.0.3:10911", 1)).isEqualTo(ResponseCode.SUCCESS);
    }

    private RemotingCommand route(String topic) throws Exception {
        GetRouteInfoRequestHeader h = new GetRouteInfoRequestHeader();
        h.setTopic(topic);
        return client.invokeSync(namesrv.address(),
                RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, h), 3000);
    }

    @Test
    void brokerLeavesRoutesAsSoonAsItsConnectionCloses() throws Exception {
        start(120_000, 10_000);
        register(false);
        RemotingCommand found = route("TopicA");
        assertThat(found.getCode()).isEqualTo(ResponseCode.SUCCESS);
        TopicRouteData data = TopicRouteData.decode(found.getBody(), TopicRouteData.class);
        assertThat(data.getBrokerDatas().get(0).selectBrokerAddr()).isEqualTo("127.0.0.1:10911");

        broker.closeChannel(namesrv.address(), null);
        broker.shutdown();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> route("TopicA").getCode() == ResponseCode.TOPIC_NOT_EXIST);
        assertThat(namesrv.routeInfoManager().liveBrokerAddrs()).isEmpty();
    }

    @Test
    void onewayRegistrationIsApplied() throws Exception {
        start(120_000, 10_000);
        register(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> route("TopicA").getCode() == ResponseCode.SUCCESS);
    }

    @Test
    void silentBrokerIsExpiredByTheScanAndDisconnected() throws Exception {
        start(500, 100);
        register(false);
        assertThat(route("TopicA").getCode()).isEqualTo(ResponseCode.SUCCESS);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> route("TopicA").getCode() == ResponseCode.TOPIC_NOT_EXIST);
        assertThat(namesrv.routeInfoManager().liveBrokerAddrs()).isEmpty();
    }

    @Test
    void unknownCodeIsAnsweredAtOnce() throws Exception {
        start(120_000, 10_000);
        RemotingCommand r = client.invokeSync(namesrv.address(), RemotingCommand.createRequestCommand(999, null),
                3000);
        assertThat(r.getCode()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(r.getRemark()).isEqualTo(" request type 999 not supported");
    }

    @Test
    void portInUseFailsStartWithAClearMessage() {
        start(120_000, 10_000);
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("kv2.json").toString());
        NettyServerConfig net = new NettyServerConfig();
        net.setBindAddress("127.0.0.1");
        net.setListenPort(namesrv.port());
        NamesrvController second = new NamesrvController(config, net);
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Integer.toString(namesrv.port()));
        second.shutdown();
    }
}
