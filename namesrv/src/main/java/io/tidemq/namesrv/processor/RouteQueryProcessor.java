package io.tidemq.namesrv.processor;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.TopicList;
import io.tidemq.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import io.tidemq.common.protocol.header.namesrv.GetTopicsByClusterRequestHeader;
import io.tidemq.common.protocol.route.TopicRouteData;
import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.namesrv.kv.KvConfigManager;
import io.tidemq.namesrv.route.RouteInfoManager;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.RemotingCommand;

/**
 * Read-only questions about routes, clusters and topic lists (protocol.md 3.5, 3.6, 3.8): GET_ROUTEINFO_BY_TOPIC,
 * GET_BROKER_CLUSTER_INFO, GET_ALL_TOPIC_LIST_FROM_NAMESERVER, GET_TOPICS_BY_CLUSTER, GET_SYSTEM_TOPIC_LIST_FROM_NS
 * and the three unit-topic lists.
 */
public final class RouteQueryProcessor extends NamesrvProcessor {
    /** Appended to "topic not found" remarks, as the official NameServer does (clients show it to users). */
    static final String FAQ_SUFFIX = "\nSee http://rocketmq.apache.org/docs/faq/ for further details.";

    private final RouteInfoManager routes;
    private final KvConfigManager kvConfig;
    private final NamesrvConfig config;

    public RouteQueryProcessor(RouteInfoManager routes, KvConfigManager kvConfig, NamesrvConfig config) {
        this.routes = routes;
        this.kvConfig = kvConfig;
        this.config = config;
    }

    @Override
    public int[] codes() {
        return new int[]{RequestCode.GET_ROUTEINFO_BY_TOPIC, RequestCode.GET_BROKER_CLUSTER_INFO,
                RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, RequestCode.GET_TOPICS_BY_CLUSTER,
                RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, RequestCode.GET_UNIT_TOPIC_LIST,
                RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST};
    }

    @Override
    protected RemotingCommand handle(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.GET_ROUTEINFO_BY_TOPIC -> route(request);
            case RequestCode.GET_BROKER_CLUSTER_INFO -> withBody(request, Json.toBytes(routes.clusterInfo()));
            case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER -> topics(request, routes.allTopics());
            case RequestCode.GET_TOPICS_BY_CLUSTER -> topics(request, routes.topicsByCluster(required(
                    request.decodeHeader(GetTopicsByClusterRequestHeader.class).cluster, "cluster")));
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS -> topics(request, routes.systemTopics());
            case RequestCode.GET_UNIT_TOPIC_LIST -> topics(request, routes.unitTopics());
            case RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST -> topics(request, routes.hasUnitSubTopics());
            case RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST -> topics(request, routes.hasUnitSubUnUnitTopics());
            default -> throw new IllegalStateException("unexpected code " + request.getCode());
        };
    }

    private RemotingCommand route(RemotingCommand request) throws RemotingCommandException {
        String topic = required(request.decodeHeader(GetRouteInfoRequestHeader.class).topic, "topic");
        TopicRouteData route = routes.pickupTopicRouteData(topic);
        if (route == null) {
            return response(request, ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic + FAQ_SUFFIX);
        }
        if (config.isOrderMessageEnable() || config.isClusterTest()) {
            route.orderTopicConf = kvConfig.get(KvConfigManager.ORDER_TOPIC_CONFIG, topic);
        }
        return withBody(request, Json.toBytes(route));
    }

    private static RemotingCommand topics(RemotingCommand request, TopicList list) {
        return withBody(request, Json.toBytes(list));
    }

    private static RemotingCommand withBody(RemotingCommand request, byte[] body) {
        return success(request).setBody(body);
    }
}
