package io.tidemq.broker.processor;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.filter.SubscriptionFilters;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.QueryConsumeTimeSpanBody;
import io.tidemq.common.protocol.body.QueryCorrectionOffsetBody;
import io.tidemq.common.protocol.header.QueryConsumeTimeSpanRequestHeader;
import io.tidemq.common.protocol.header.QueryCorrectionOffsetHeader;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** QUERY_CORRECTION_OFFSET and QUERY_CONSUME_TIME_SPAN on a fake store and real offset and topic tables. */
class QueueInspectionProcessorTest {
    @TempDir
    Path dir;
    ConsumerOffsetManager offsets;
    TopicConfigManager topics;
    FakeStore fake;

    @BeforeEach
    void setUp() {
        offsets = new ConsumerOffsetManager(dir);
        topics = new TopicConfigManager(new BrokerConfig(), dir);
        topics.setOnCreated(tc -> { });
        topics.update(new TopicConfig("T", 2, 2, 6));
        fake = new FakeStore().queue("T", 0, 0, 10).queue("T", 1, 8, 30);
    }

    private RemotingCommand call(int code, Object header) throws Exception {
        QueueInspectionProcessor p = new QueueInspectionProcessor(fake.store(), topics, offsets,
                new ConsumerManager((g, members) -> { }, 120_000), new SubscriptionFilters(), "broker-a");
        RemotingCommand request = RemotingCommand.createRequest(code, header);
        return p.process(null, request);
    }

    @Test
    void correctionOffsetIsTheLowestLiveOffsetOfTheOtherGroups() throws Exception {
        offsets.commit("G1", "T", 0, 5);
        offsets.commit("G1", "T", 1, 7); // below the queue's minimum (8): no longer counts
        offsets.commit("G2", "T", 0, 3);
        offsets.commit("G2", "T", 1, 9);
        offsets.commit("FILTERED", "T", 0, 1);
        offsets.commit("CMP", "T", 0, 2); // behind the others on queue 0: nothing to correct there
        offsets.commit("CMP", "T", 1, 20);
        QueryCorrectionOffsetHeader h = new QueryCorrectionOffsetHeader();
        h.topic = "T";
        h.compareGroup = "CMP";
        h.filterGroups = "FILTERED, CMP";
        RemotingCommand r = call(RequestCode.QUERY_CORRECTION_OFFSET, h);
        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(Json.fromBytes(r.getBody(), QueryCorrectionOffsetBody.class).correctionOffsets)
                .isEqualTo(Map.of(0, Long.MAX_VALUE, 1, 9L));
        // and the filtered groups keep their offsets (4.9 deletes them while answering)
        assertThat(offsets.query("FILTERED", "T", 0)).isEqualTo(1);
    }

    @Test
    void timeSpanGivesEachQueuesFirstLastAndConsumedStoreTimes() throws Exception {
        fake.storedAt("T", 0, 0, 1_000).storedAt("T", 0, 3, 4_000).storedAt("T", 0, 4, 5_000)
                .storedAt("T", 0, 9, 10_000).storedAt("T", 1, 8, 8_000).storedAt("T", 1, 29, 29_000);
        offsets.commit("G", "T", 0, 4);
        offsets.commit("G", "T", 1, 30);
        QueryConsumeTimeSpanRequestHeader h = new QueryConsumeTimeSpanRequestHeader();
        h.topic = "T";
        h.group = "G";
        long before = System.currentTimeMillis();
        RemotingCommand r = call(RequestCode.QUERY_CONSUME_TIME_SPAN, h);
        QueryConsumeTimeSpanBody body = Json.fromBytes(r.getBody(), QueryConsumeTimeSpanBody.class);
        assertThat(body.consumeTimeSpanSet).hasSize(2);
        QueryConsumeTimeSpanBody.QueueTimeSpan q0 = body.consumeTimeSpanSet.get(0);
        assertThat(q0.messageQueue.queueId).isZero();
        assertThat(q0.minTimeStamp).isEqualTo(1_000);
        assertThat(q0.maxTimeStamp).isEqualTo(10_000);
        assertThat(q0.consumeTimeStamp).as("the last consumed message, offset 3").isEqualTo(4_000);
        assertThat(q0.delayTime).as("the next one, offset 4, has waited since 5,000")
                .isBetween(before - 5_000, System.currentTimeMillis() - 5_000);
        QueryConsumeTimeSpanBody.QueueTimeSpan q1 = body.consumeTimeSpanSet.get(1);
        assertThat(q1.consumeTimeStamp).isEqualTo(29_000);
        assertThat(q1.delayTime).as("all consumed").isZero();

        h.topic = "NO_SUCH_TOPIC";
        RemotingCommand missing = call(RequestCode.QUERY_CONSUME_TIME_SPAN, h);
        assertThat(missing.getCode()).isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        assertThat(missing.getRemark()).isEqualTo("topic[NO_SUCH_TOPIC] not exist");
    }
}
