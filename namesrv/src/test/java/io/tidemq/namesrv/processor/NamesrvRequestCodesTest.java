package io.tidemq.namesrv.processor;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.namesrv.config.NamesrvConfiguration;
import io.tidemq.namesrv.kv.KvConfigManager;
import io.tidemq.namesrv.route.RouteInfoManager;
import io.tidemq.testing.FakeChannel;
import io.tidemq.namesrv.support.Official;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.common.DataVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.body.KVTable;
import org.apache.rocketmq.common.protocol.body.RegisterBrokerBody;
import org.apache.rocketmq.common.protocol.body.TopicList;
import org.apache.rocketmq.common.protocol.header.GetTopicsByClusterRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.AddWritePermOfBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.AddWritePermOfBrokerResponseHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.DeleteKVConfigRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.GetKVConfigRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.GetKVConfigResponseHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.GetKVListByNamespaceRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.PutKVConfigRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.QueryDataVersionRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.QueryDataVersionResponseHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.RegisterBrokerResponseHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader;
import org.apache.rocketmq.common.protocol.header.namesrv.WipeWritePermOfBrokerResponseHeader;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every NameServer request code, driven with requests built from the OFFICIAL header classes and answers read back
 * with the official header/body classes and fastjson, as protocol.md section 3 documents them.
 */
class NamesrvRequestCodesTest {
    private static final String MASTER = "127.0.0.1:10911";
    private static final String SLAVE = "127.0.0.1:11011";

    @TempDir
    Path dir;

    private NamesrvConfig config;
    private final Map<Integer, RequestProcessor> processors = new HashMap<>();
    private final FakeChannel masterChannel = new FakeChannel("127.0.0.1:40001");
    private final FakeChannel adminChannel = new FakeChannel("127.0.0.1:40002");

    @BeforeEach
    void setUp() {
        config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        config.setConfigStorePath(dir.resolve("namesrv.properties").toString());
        NettyServerConfig net = new NettyServerConfig();
        RouteInfoManager routes = new RouteInfoManager(Clock.systemUTC(), config.getBrokerChannelExpiredTime());
        KvConfigManager kv = new KvConfigManager(Path.of(config.getKvConfigPath()));
        for (NamesrvProcessor p : List.of(new BrokerRegistrationProcessor(routes, kv),
                new RouteQueryProcessor(routes, kv, config), new KvConfigProcessor(kv), new TopicAdminProcessor(routes),
                new NamesrvConfigProcessor(new NamesrvConfiguration(config, net)))) {
            for (int code : p.codes()) {
                processors.put(code, p);
            }
        }
    }

    private RemotingCommand call(RemotingCommand request) throws Exception {
        return call(request, adminChannel);
    }

    private RemotingCommand call(RemotingCommand request, FakeChannel channel) throws Exception {
        RequestProcessor p = processors.getOrDefault(request.getCode(), new UnsupportedRequestProcessor());
        RemotingCommand response = p.process(channel, request);
        assertThat(response.isResponse()).isTrue();
        assertThat(response.getOpaque()).isEqualTo(request.getOpaque());
        return response;
    }

    private static RegisterBrokerBody brokerBody(long counter, TopicConfig... topics) {
        RegisterBrokerBody body = new RegisterBrokerBody();
        DataVersion dv = new DataVersion();
        dv.setTimestamp(1_700_000_000_000L);
        dv.setCounter(new AtomicLong(counter));
        body.getTopicConfigSerializeWrapper().setDataVersion(dv);
        for (TopicConfig tc : topics) {
            body.getTopicConfigSerializeWrapper().getTopicConfigTable().put(tc.getTopicName(), tc);
        }
        return body;
    }

    private RemotingCommand register(String name, String addr, long id, boolean compressed, RegisterBrokerBody body,
                                     FakeChannel channel) throws Exception {
        RegisterBrokerRequestHeader h = new RegisterBrokerRequestHeader();
        h.setBrokerName(name);
        h.setBrokerAddr(addr);
        h.setClusterName("DefaultCluster");
        h.setHaServerAddr(addr.replace(":1", ":2"));
        h.setBrokerId(id);
        h.setCompressed(compressed);
        byte[] bytes = body.encode(compressed);
        h.setBodyCrc32(UtilAll.crc32(bytes));
        return call(Official.request(RequestCode.REGISTER_BROKER, h, bytes), channel);
    }

    private void registerMaster(TopicConfig... topics) throws Exception {
        assertThat(register("broker-a", MASTER, 0, false, brokerBody(1, topics), masterChannel).getCode())
                .isEqualTo(ResponseCode.SUCCESS);
    }

    private static GetRouteInfoRequestHeader routeHeader(String topic) {
        GetRouteInfoRequestHeader h = new GetRouteInfoRequestHeader();
        h.setTopic(topic);
        return h;
    }

    private TopicRouteData route(String topic) throws Exception {
        RemotingCommand r = call(Official.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeHeader(topic)));
        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        return Official.body(r, TopicRouteData.class);
    }

    @Test
    void registerBrokerMasterAnswersEmptyHeaderAndNoBody() throws Exception {
        RemotingCommand r = register("broker-a", MASTER, 0, false, brokerBody(1, new TopicConfig("TopicA", 4, 4, 6)),
                masterChannel);

        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(r.getExtFields()).isNotNull().isEmpty();
        RegisterBrokerResponseHeader h = Official.responseHeader(r, RegisterBrokerResponseHeader.class);
        assertThat(h.getMasterAddr()).isNull();
        assertThat(h.getHaServerAddr()).isNull();
        assertThat(r.getBody()).isNull();
    }

    @Test
    void registerBrokerSlaveLearnsMasterAndOrderTopicConfig() throws Exception {
        registerMaster(new TopicConfig("TopicA", 4, 4, 6));
        PutKVConfigRequestHeader put = new PutKVConfigRequestHeader();
        put.setNamespace("ORDER_TOPIC_CONFIG");
        put.setKey("TopicA");
        put.setValue("broker-a:4");
        assertThat(call(Official.request(RequestCode.PUT_KV_CONFIG, put)).getCode()).isEqualTo(0);

        RemotingCommand r = register("broker-a", SLAVE, 1, true, brokerBody(1), new FakeChannel("127.0.0.1:40003"));

        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        RegisterBrokerResponseHeader h = Official.responseHeader(r, RegisterBrokerResponseHeader.class);
        assertThat(h.getMasterAddr()).isEqualTo(MASTER);
        assertThat(h.getHaServerAddr()).isEqualTo("127.0.0.1:20911");
        assertThat(Official.body(r, KVTable.class).getTable()).containsExactly(Map.entry("TopicA", "broker-a:4"));
        assertThat(route("TopicA").getBrokerDatas().get(0).getBrokerAddrs())
                .containsOnly(Map.entry(0L, MASTER), Map.entry(1L, SLAVE));
    }

    @Test
    void registerBrokerCompressedBodyIsDecoded() throws Exception {
        RemotingCommand r = register("broker-a", MASTER, 0, true,
                brokerBody(1, new TopicConfig("TopicZ", 2, 3, 6)), masterChannel);
        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(route("TopicZ").getQueueDatas().get(0).getWriteQueueNums()).isEqualTo(3);
    }

    @Test
    void registerBrokerWithWrongCrcIsRefused() throws Exception {
        RegisterBrokerRequestHeader h = new RegisterBrokerRequestHeader();
        h.setBrokerName("broker-a");
        h.setBrokerAddr(MASTER);
        h.setClusterName("DefaultCluster");
        h.setHaServerAddr("127.0.0.1:10912");
        h.setBrokerId(0L);
        byte[] body = brokerBody(1, new TopicConfig("TopicA", 4, 4, 6)).encode();
        h.setBodyCrc32(UtilAll.crc32(body) ^ 1);

        RemotingCommand r = call(Official.request(RequestCode.REGISTER_BROKER, h, body), masterChannel);

        assertThat(r.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(r.getRemark()).isEqualTo("crc32 not match");
        assertThat(call(Official.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeHeader("TopicA"))).getCode())
                .isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void registerBrokerWithoutMandatoryFieldOrWithGarbageBodyIsRefused() throws Exception {
        RemotingCommand noName = RemotingCommand.createRequest(RequestCode.REGISTER_BROKER);
        noName.addExtField("brokerAddr", MASTER).addExtField("clusterName", "c").addExtField("brokerId", "0");
        RemotingCommand r = call(noName);
        assertThat(r.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(r.getRemark()).contains("brokerName");

        RegisterBrokerRequestHeader h = new RegisterBrokerRequestHeader();
        h.setBrokerName("broker-a");
        h.setBrokerAddr(MASTER);
        h.setClusterName("DefaultCluster");
        h.setHaServerAddr("127.0.0.1:10912");
        h.setBrokerId(0L);
        h.setCompressed(true);
        r = call(Official.request(RequestCode.REGISTER_BROKER, h, "not zlib".getBytes()));
        assertThat(r.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(r.getRemark()).contains("compressed register body");
    }

    @Test
    void routeInfoByTopicFoundAndNotFound() throws Exception {
        registerMaster(new TopicConfig("TopicA", 4, 2, 6));

        TopicRouteData route = route("TopicA");
        assertThat(route.getQueueDatas()).hasSize(1);
        assertThat(route.getQueueDatas().get(0).getBrokerName()).isEqualTo("broker-a");
        assertThat(route.getQueueDatas().get(0).getReadQueueNums()).isEqualTo(4);
        assertThat(route.getQueueDatas().get(0).getWriteQueueNums()).isEqualTo(2);
        assertThat(route.getQueueDatas().get(0).getPerm()).isEqualTo(6);
        assertThat(route.getBrokerDatas().get(0).getCluster()).isEqualTo("DefaultCluster");
        assertThat(route.getBrokerDatas().get(0).selectBrokerAddr()).isEqualTo(MASTER);
        assertThat(route.getFilterServerTable()).isEmpty();
        assertThat(route.getOrderTopicConf()).isNull();

        RemotingCommand missing = call(Official.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeHeader("Nope")));
        assertThat(missing.getCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(missing.getRemark()).isEqualTo("No topic route info in name server for the topic: Nope"
                + "\nSee http://rocketmq.apache.org/docs/faq/ for further details.");
        assertThat(missing.getBody()).isNull();
    }

    @Test
    void routeCarriesOrderTopicConfOnlyWhenOrderMessagesAreEnabled() throws Exception {
        registerMaster(new TopicConfig("TopicA", 4, 4, 6));
        PutKVConfigRequestHeader put = new PutKVConfigRequestHeader();
        put.setNamespace("ORDER_TOPIC_CONFIG");
        put.setKey("TopicA");
        put.setValue("broker-a:4;broker-b:4");
        call(Official.request(RequestCode.PUT_KV_CONFIG, put));

        assertThat(route("TopicA").getOrderTopicConf()).isNull();
        config.setOrderMessageEnable(true);
        assertThat(route("TopicA").getOrderTopicConf()).isEqualTo("broker-a:4;broker-b:4");
    }

    @Test
    void brokerClusterInfo() throws Exception {
        registerMaster(new TopicConfig("TopicA", 4, 4, 6));
        register("broker-a", SLAVE, 1, false, brokerBody(1), new FakeChannel("127.0.0.1:40003"));

        RemotingCommand r = call(RemotingCommand.createRequest(RequestCode.GET_BROKER_CLUSTER_INFO));

        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        ClusterInfo info = Official.body(r, ClusterInfo.class);
        assertThat(info.getClusterAddrTable().get("DefaultCluster")).containsExactly("broker-a");
        assertThat(info.getBrokerAddrTable().get("broker-a").getBrokerAddrs())
                .containsOnly(Map.entry(0L, MASTER), Map.entry(1L, SLAVE));
        assertThat(info.retrieveAllClusterNames()).containsExactly("DefaultCluster");
    }

    @Test
    void queryDataVersionReportsChangesAndReturnsTheStoredVersion() throws Exception {
        registerMaster(new TopicConfig("TopicA", 4, 4, 6));
        QueryDataVersionRequestHeader h = new QueryDataVersionRequestHeader();
        h.setBrokerName("broker-a");
        h.setBrokerAddr(MASTER);
        h.setClusterName("DefaultCluster");
        h.setBrokerId(0L);

        RemotingCommand same = call(Official.request(RequestCode.QUERY_DATA_VERSION, h,
                brokerBody(1).getTopicConfigSerializeWrapper().getDataVersion().encode()));
        assertThat(same.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(Official.responseHeader(same, QueryDataVersionResponseHeader.class).getChanged()).isFalse();
        DataVersion stored = Official.body(same, DataVersion.class);
        assertThat(stored.getCounter().get()).isEqualTo(1);
        assertThat(stored.getTimestamp()).isEqualTo(1_700_000_000_000L);

        RemotingCommand changed = call(Official.request(RequestCode.QUERY_DATA_VERSION, h,
                brokerBody(2).getTopicConfigSerializeWrapper().getDataVersion().encode()));
        assertThat(Official.responseHeader(changed, QueryDataVersionResponseHeader.class).getChanged()).isTrue();
    }

    @Test
    void unregisterBrokerRemovesItsRoutes() throws Exception {
        registerMaster(new TopicConfig("TopicA", 4, 4, 6));
        UnRegisterBrokerRequestHeader h = new UnRegisterBrokerRequestHeader();
        h.setBrokerName("broker-a");
        h.setBrokerAddr(MASTER);
        h.setClusterName("DefaultCluster");
        h.setBrokerId(0L);

        RemotingCommand r = call(Official.request(RequestCode.UNREGISTER_BROKER, h));

        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(r.getBody()).isNull();
        assertThat(call(Official.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeHeader("TopicA"))).getCode())
                .isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void kvConfigPutGetListDelete() throws Exception {
        PutKVConfigRequestHeader put = new PutKVConfigRequestHeader();
        put.setNamespace("NS");
        put.setKey("k");
        put.setValue("v");
        assertThat(call(Official.request(RequestCode.PUT_KV_CONFIG, put)).getCode()).isEqualTo(0);

        GetKVConfigRequestHeader get = new GetKVConfigRequestHeader();
        get.setNamespace("NS");
        get.setKey("k");
        RemotingCommand found = call(Official.request(RequestCode.GET_KV_CONFIG, get));
        assertThat(found.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(Official.responseHeader(found, GetKVConfigResponseHeader.class).getValue()).isEqualTo("v");

        GetKVListByNamespaceRequestHeader list = new GetKVListByNamespaceRequestHeader();
        list.setNamespace("NS");
        RemotingCommand listed = call(Official.request(RequestCode.GET_KVLIST_BY_NAMESPACE, list));
        assertThat(Official.body(listed, KVTable.class).getTable()).containsExactly(Map.entry("k", "v"));

        DeleteKVConfigRequestHeader del = new DeleteKVConfigRequestHeader();
        del.setNamespace("NS");
        del.setKey("k");
        assertThat(call(Official.request(RequestCode.DELETE_KV_CONFIG, del)).getCode()).isEqualTo(0);
        assertThat(call(Official.request(RequestCode.DELETE_KV_CONFIG, del)).getCode()).isEqualTo(0);

        RemotingCommand gone = call(Official.request(RequestCode.GET_KV_CONFIG, get));
        assertThat(gone.getCode()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(gone.getRemark()).isEqualTo("No config item, Namespace: NS Key: k");

        list.setNamespace("NEVER");
        RemotingCommand noNs = call(Official.request(RequestCode.GET_KVLIST_BY_NAMESPACE, list));
        assertThat(noNs.getCode()).isEqualTo(ResponseCode.QUERY_NOT_FOUND);
        assertThat(noNs.getRemark()).isEqualTo("No config item, Namespace: NEVER");

        RemotingCommand noKey = RemotingCommand.createRequest(RequestCode.PUT_KV_CONFIG).addExtField("namespace", "NS");
        RemotingCommand refused = call(noKey);
        assertThat(refused.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(refused.getRemark()).isEqualTo("namespace or key is null");
        assertThat(Files.readString(dir.resolve("kvConfig.json"))).contains("\"NS\"");
    }

    @Test
    void wipeAndAddWritePermissionReportCounts() throws Exception {
        registerMaster(new TopicConfig("TopicA", 4, 4, 6), new TopicConfig("TopicB", 4, 4, 6));
        WipeWritePermOfBrokerRequestHeader wipe = new WipeWritePermOfBrokerRequestHeader();
        wipe.setBrokerName("broker-a");

        RemotingCommand wiped = call(Official.request(RequestCode.WIPE_WRITE_PERM_OF_BROKER, wipe));
        assertThat(wiped.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(Official.responseHeader(wiped, WipeWritePermOfBrokerResponseHeader.class).getWipeTopicCount())
                .isEqualTo(2);
        assertThat(route("TopicA").getQueueDatas().get(0).getPerm()).isEqualTo(4);

        AddWritePermOfBrokerRequestHeader add = new AddWritePermOfBrokerRequestHeader();
        add.setBrokerName("broker-a");
        RemotingCommand added = call(Official.request(RequestCode.ADD_WRITE_PERM_OF_BROKER, add));
        assertThat(Official.responseHeader(added, AddWritePermOfBrokerResponseHeader.class).getAddTopicCount())
                .isEqualTo(2);
        assertThat(route("TopicA").getQueueDatas().get(0).getPerm()).isEqualTo(6);
    }

    @Test
    void topicListsAndTopicDeletion() throws Exception {
        TopicConfig unit = new TopicConfig("UnitTopic", 1, 1, 6);
        unit.setTopicSysFlag(1);
        TopicConfig unitSub = new TopicConfig("UnitSubTopic", 1, 1, 6);
        unitSub.setTopicSysFlag(2);
        registerMaster(new TopicConfig("TopicA", 4, 4, 6), new TopicConfig("DefaultCluster", 16, 16, 7),
                new TopicConfig("broker-a", 1, 1, 7), unit, unitSub);

        assertThat(topics(RemotingCommand.createRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER)).getTopicList())
                .containsExactlyInAnyOrder("TopicA", "DefaultCluster", "broker-a", "UnitTopic", "UnitSubTopic");
        GetTopicsByClusterRequestHeader byCluster = new GetTopicsByClusterRequestHeader();
        byCluster.setCluster("DefaultCluster");
        assertThat(topics(Official.request(RequestCode.GET_TOPICS_BY_CLUSTER, byCluster)).getTopicList())
                .hasSize(5);
        byCluster.setCluster("Nope");
        assertThat(topics(Official.request(RequestCode.GET_TOPICS_BY_CLUSTER, byCluster)).getTopicList()).isEmpty();
        TopicList system = topics(RemotingCommand.createRequest(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS));
        assertThat(system.getTopicList()).containsExactlyInAnyOrder("DefaultCluster", "broker-a");
        assertThat(system.getBrokerAddr()).isEqualTo(MASTER);
        assertThat(topics(RemotingCommand.createRequest(RequestCode.GET_UNIT_TOPIC_LIST)).getTopicList())
                .containsExactly("UnitTopic");
        assertThat(topics(RemotingCommand.createRequest(RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST)).getTopicList())
                .containsExactly("UnitSubTopic");
        assertThat(topics(RemotingCommand.createRequest(RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST))
                .getTopicList()).containsExactly("UnitSubTopic");

        DeleteTopicFromNamesrvRequestHeader del = new DeleteTopicFromNamesrvRequestHeader();
        del.setTopic("TopicA");
        assertThat(call(Official.request(RequestCode.DELETE_TOPIC_IN_NAMESRV, del)).getCode()).isEqualTo(0);
        assertThat(call(Official.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeHeader("TopicA"))).getCode())
                .isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    private TopicList topics(RemotingCommand request) throws Exception {
        RemotingCommand r = call(request);
        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        return Official.body(r, TopicList.class);
    }

    @Test
    void namesrvConfigGetAndValidatedUpdate() throws Exception {
        RemotingCommand got = call(RemotingCommand.createRequest(RequestCode.GET_NAMESRV_CONFIG));
        Properties props = parse(got);
        assertThat(props.getProperty("orderMessageEnable")).isEqualTo("false");
        assertThat(props.getProperty("kvConfigPath")).isEqualTo(config.getKvConfigPath());
        assertThat(props).containsKeys("listenPort", "serverWorkerThreads", "productEnvName", "clusterTest");

        RemotingCommand update = RemotingCommand.createRequest(RequestCode.UPDATE_NAMESRV_CONFIG)
                .setBody("orderMessageEnable=true\n".getBytes(StandardCharsets.UTF_8));
        assertThat(call(update).getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(config.isOrderMessageEnable()).isTrue();
        assertThat(parse(call(RemotingCommand.createRequest(RequestCode.GET_NAMESRV_CONFIG)))
                .getProperty("orderMessageEnable")).isEqualTo("true");
        assertThat(Files.readString(dir.resolve("namesrv.properties"))).contains("orderMessageEnable=true");

        RemotingCommand bad = RemotingCommand.createRequest(RequestCode.UPDATE_NAMESRV_CONFIG)
                .setBody("orderMessageEnable=false\nnoSuchKey=1\n".getBytes(StandardCharsets.UTF_8));
        RemotingCommand refused = call(bad);
        assertThat(refused.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(refused.getRemark()).contains("noSuchKey");
        assertThat(config.isOrderMessageEnable()).isTrue(); // nothing applied

        RemotingCommand path = RemotingCommand.createRequest(RequestCode.UPDATE_NAMESRV_CONFIG)
                .setBody("kvConfigPath=/tmp/evil.json\n".getBytes(StandardCharsets.UTF_8));
        RemotingCommand pathRefused = call(path);
        assertThat(pathRefused.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(pathRefused.getRemark()).contains("kvConfigPath");
        assertThat(config.getKvConfigPath()).isEqualTo(dir.resolve("kvConfig.json").toString());

        RemotingCommand restartOnly = RemotingCommand.createRequest(RequestCode.UPDATE_NAMESRV_CONFIG)
                .setBody("clusterTest=true\nserverWorkerThreads=3\n".getBytes(StandardCharsets.UTF_8));
        RemotingCommand restartRefused = call(restartOnly);
        assertThat(restartRefused.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(restartRefused.getRemark())
                .contains("'serverWorkerThreads' cannot change while the NameServer runs");
        assertThat(config.isClusterTest()).isFalse(); // all or nothing
    }

    private static Properties parse(RemotingCommand r) throws Exception {
        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        Properties p = new Properties();
        p.load(new StringReader(new String(r.getBody(), StandardCharsets.UTF_8)));
        return p;
    }

    @Test
    void unknownCodesAreAnsweredAsNotSupported() throws Exception {
        RemotingCommand r = call(RemotingCommand.createRequest(RequestCode.SEND_MESSAGE));
        assertThat(r.getCode()).isEqualTo(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        assertThat(r.getRemark()).isEqualTo(" request type 10 not supported");
    }
}
