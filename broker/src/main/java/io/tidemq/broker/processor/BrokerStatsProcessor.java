package io.tidemq.broker.processor;

import io.tidemq.broker.offset.ConsumeStatsBuilder;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.stats.KeyedStats;
import io.tidemq.broker.stats.StatsSnapshot;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.BrokerStatsData;
import io.tidemq.common.protocol.body.ConsumeStats;
import io.tidemq.common.protocol.body.ConsumeStatsList;
import io.tidemq.common.protocol.body.OffsetWrapper;
import io.tidemq.common.protocol.header.GetConsumeStatsInBrokerHeader;
import io.tidemq.common.protocol.header.ViewBrokerStatsDataRequestHeader;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * VIEW_BROKER_STATS_DATA (315: one keyed stats item over the last minute, hour and day; what statsAll and the
 * exporter read) and GET_BROKER_CONSUME_STATS (317: every group's progress on every topic it has offsets of).
 */
public final class BrokerStatsProcessor implements RequestProcessor {
    private final KeyedStats stats;
    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;
    private final ConsumeStatsBuilder consumeStats;
    private final Supplier<String> brokerAddr;

    public BrokerStatsProcessor(KeyedStats stats, SubscriptionGroupManager groups, ConsumerOffsetManager offsets,
                                ConsumeStatsBuilder consumeStats, Supplier<String> brokerAddr) {
        this.stats = stats;
        this.groups = groups;
        this.offsets = offsets;
        this.consumeStats = consumeStats;
        this.brokerAddr = brokerAddr;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.VIEW_BROKER_STATS_DATA -> viewStats(request);
            case RequestCode.GET_BROKER_CONSUME_STATS -> brokerConsumeStats(request);
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    private RemotingCommand viewStats(RemotingCommand request) throws Exception {
        ViewBrokerStatsDataRequestHeader h = request.decodeHeader(ViewBrokerStatsDataRequestHeader.class);
        StatsSnapshot[] s = stats.snapshots(h.statsName, h.statsKey);
        if (s == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                    "The stats <" + h.statsName + "> <" + h.statsKey + "> not exist");
        }
        BrokerStatsData body = new BrokerStatsData();
        body.statsMinute = item(s[0]);
        body.statsHour = item(s[1]);
        body.statsDay = item(s[2]);
        return TopicAdminProcessor.ok(Json.toBytes(body));
    }

    private static BrokerStatsData.BrokerStatsItem item(StatsSnapshot s) {
        return new BrokerStatsData.BrokerStatsItem(s.sum(), s.tps(), s.avgpt());
    }

    private RemotingCommand brokerConsumeStats(RemotingCommand request) throws Exception {
        GetConsumeStatsInBrokerHeader h = request.decodeHeader(GetConsumeStatsInBrokerHeader.class);
        ConsumeStatsList body = new ConsumeStatsList();
        body.brokerAddr = brokerAddr.get();
        for (String group : groups.table().keySet()) {
            List<ConsumeStats> perTopic = new ArrayList<>();
            for (String topic : offsets.topicsOf(group)) {
                ConsumeStats cs = new ConsumeStats();
                if (consumeStats.add(cs, group, List.of(topic), true, h.isOrder) > 0) {
                    perTopic.add(cs);
                    for (OffsetWrapper w : cs.offsetTable.values()) {
                        body.totalDiff += w.brokerOffset - w.consumerOffset;
                    }
                }
            }
            body.consumeStatsList.add(Map.of(group, perTopic));
        }
        return TopicAdminProcessor.ok(Json.toBytes(body));
    }
}
