package io.tidemq.namesrv.processor;

import io.tidemq.common.DataVersion;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.KVTable;
import io.tidemq.common.protocol.body.RegisterBrokerBody;
import io.tidemq.common.protocol.body.RegisterBrokerBodyCodec;
import io.tidemq.common.protocol.header.namesrv.QueryDataVersionRequestHeader;
import io.tidemq.common.protocol.header.namesrv.QueryDataVersionResponseHeader;
import io.tidemq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.tidemq.common.protocol.header.namesrv.RegisterBrokerResponseHeader;
import io.tidemq.common.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import io.tidemq.namesrv.kv.KvConfigManager;
import io.tidemq.namesrv.route.BrokerIdentity;
import io.tidemq.namesrv.route.DataVersionCheck;
import io.tidemq.namesrv.route.RegisterBrokerResult;
import io.tidemq.namesrv.route.RouteInfoManager;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brokers talking to the NameServer: REGISTER_BROKER, UNREGISTER_BROKER, QUERY_DATA_VERSION (protocol.md 3.2-3.4). */
public final class BrokerRegistrationProcessor extends NamesrvProcessor {
    private static final Logger log = LoggerFactory.getLogger(BrokerRegistrationProcessor.class);

    private final RouteInfoManager routes;
    private final KvConfigManager kvConfig;

    public BrokerRegistrationProcessor(RouteInfoManager routes, KvConfigManager kvConfig) {
        this.routes = routes;
        this.kvConfig = kvConfig;
    }

    @Override
    public int[] codes() {
        return new int[]{RequestCode.REGISTER_BROKER, RequestCode.UNREGISTER_BROKER, RequestCode.QUERY_DATA_VERSION};
    }

    @Override
    protected RemotingCommand handle(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.REGISTER_BROKER -> register(channel, request);
            case RequestCode.UNREGISTER_BROKER -> unregister(request);
            case RequestCode.QUERY_DATA_VERSION -> queryDataVersion(request);
            default -> throw new IllegalStateException("unexpected code " + request.getCode());
        };
    }

    private RemotingCommand register(RemoteChannel channel, RemotingCommand request) throws RemotingCommandException {
        RegisterBrokerRequestHeader header = request.decodeHeader(RegisterBrokerRequestHeader.class);
        BrokerIdentity broker = new BrokerIdentity(required(header.clusterName, "clusterName"),
                required(header.brokerName, "brokerName"), required(header.brokerAddr, "brokerAddr"),
                required(header.brokerId, "brokerId"));
        int expectedCrc = header.bodyCrc32 == null ? 0 : header.bodyCrc32;
        if (expectedCrc != 0 && expectedCrc != RegisterBrokerBodyCodec.crc32(request.getBody())) {
            log.warn("register of {} from {}: body CRC does not match", broker.brokerAddr(),
                    channel == null ? "-" : channel.remoteAddress());
            return error(request, "crc32 not match");
        }
        RegisterBrokerBody body = RegisterBrokerBodyCodec.decode(request.getBody(), header.compressed,
                request.getVersion());

        RegisterBrokerResult result = routes.registerBroker(broker, header.haServerAddr,
                body.topicConfigSerializeWrapper, body.filterServerList, channel, header.masterEpoch);
        if (result == null) {
            return response(request, ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH, "master epoch "
                    + header.masterEpoch + " of " + broker.brokerName() + " is older than the registered master's");
        }

        RemotingCommand response = success(request)
                .writeHeader(new RegisterBrokerResponseHeader(result.haServerAddr(), result.masterAddr()));
        KVTable orderTopics = kvConfig.namespace(KvConfigManager.ORDER_TOPIC_CONFIG);
        if (orderTopics != null) {
            response.setBody(Json.toBytes(orderTopics));
        }
        return response;
    }

    private RemotingCommand unregister(RemotingCommand request) throws RemotingCommandException {
        UnRegisterBrokerRequestHeader header = request.decodeHeader(UnRegisterBrokerRequestHeader.class);
        routes.unregisterBroker(new BrokerIdentity(required(header.clusterName, "clusterName"),
                required(header.brokerName, "brokerName"), required(header.brokerAddr, "brokerAddr"),
                required(header.brokerId, "brokerId")));
        return success(request);
    }

    private RemotingCommand queryDataVersion(RemotingCommand request) throws RemotingCommandException {
        QueryDataVersionRequestHeader header = request.decodeHeader(QueryDataVersionRequestHeader.class);
        String brokerAddr = required(header.brokerAddr, "brokerAddr");
        if (request.getBody() == null || request.getBody().length == 0) {
            throw new IllegalArgumentException("QUERY_DATA_VERSION needs the broker's DataVersion as body");
        }
        DataVersion version = Json.fromBytes(request.getBody(), DataVersion.class);
        DataVersionCheck check = routes.checkDataVersion(brokerAddr, version);
        RemotingCommand response = success(request).writeHeader(new QueryDataVersionResponseHeader(check.changed()));
        if (check.stored() != null) {
            response.setBody(Json.toBytes(check.stored()));
        }
        return response;
    }
}
