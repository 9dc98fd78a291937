package io.tidemq.namesrv;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidemq.metrics.MetricsEndpoint;
import io.tidemq.metrics.ProcessMetrics;
import io.tidemq.namesrv.route.RouteInfoManager;
import io.tidemq.remoting.RpcHook;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A NameServer's {@code /metrics}: the JVM's meters, what the route table holds (live brokers, clusters, topics)
 * and the requests served per request code.
 */
final class NamesrvMetrics implements AutoCloseable {
    private final ProcessMetrics process = new ProcessMetrics();
    private final MetricsEndpoint endpoint = new MetricsEndpoint(process);
    private final Map<Integer, Counter> requests = new ConcurrentHashMap<>();

    NamesrvMetrics(RouteInfoManager routes) {
        MeterRegistry r = process.registry();
        Gauge.builder("rocketmq_namesrv_live_brokers", routes, m -> m.liveBrokerAddrs().size())
                .description("brokers that registered within brokerChannelExpiredTime").register(r);
        Gauge.builder("rocketmq_namesrv_clusters", routes, m -> m.clusterInfo().clusterAddrTable.size())
                .description("clusters in the route table").register(r);
        Gauge.builder("rocketmq_namesrv_topics", routes, m -> m.allTopics().topicList.size())
                .description("topics in the route table").register(r);
    }

    /** Counts every request the server answers, by its code, in {@code rocketmq_namesrv_requests_total}. */
    RpcHook requestCounter() {
        MeterRegistry r = process.registry();
        return new RpcHook() {
            @Override
            public void beforeRequest(String remoteAddr, RemotingCommand request) {
                requests.computeIfAbsent(request.getCode(), code -> Counter.builder("rocketmq.namesrv.requests")
                        .description("requests served, by request code").tag("request_code", String.valueOf(code))
                        .register(r)).increment();
            }
        };
    }

    void start(String host, int port) {
        endpoint.start(host, port);
    }

    int port() {
        return endpoint.port();
    }

    @Override
    public void close() {
        endpoint.close();
        process.close();
    }
}
