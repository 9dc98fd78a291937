package io.tidemq.common.protocol.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Body of a GET_ROUTEINFO_BY_TOPIC answer: the topic's queues per broker and those brokers' addresses. */
public final class TopicRouteData {
    public String orderTopicConf;
    public List<QueueData> queueDatas = new ArrayList<>();
    public List<BrokerData> brokerDatas = new ArrayList<>();
    public HashMap<String, List<String>> filterServerTable = new HashMap<>();
}
