package io.tidemq.broker.processor;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.OffsetResponseHeader;
import io.tidemq.common.protocol.header.QueryConsumerOffsetResponseHeader;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.BrokerRole;
import io.tidemq.testing.FakeChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.tidemq.broker.processor.Requests.request;
import static io.tidemq.broker.processor.Requests.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Consumer offsets (QUERY/UPDATE_CONSUMER_OFFSET) and queue offsets (GET_MAX/MIN_OFFSET, SEARCH_OFFSET_BY_TIMESTAMP). */
class OffsetProcessorsTest {
    @TempDir
    Path dir;
    ProcessorFixture f;
    final FakeChannel client = new FakeChannel("127.0.0.1:50003");

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private static RemotingCommand update(String group, int queueId, long offset) {
        return request(RequestCode.UPDATE_CONSUMER_OFFSET, "consumerGroup", group, "topic", "T",
                "queueId", String.valueOf(queueId), "commitOffset", String.valueOf(offset));
    }

    private static RemotingCommand query(String group, int queueId) {
        return request(RequestCode.QUERY_CONSUMER_OFFSET, "consumerGroup", group, "topic", "T",
                "queueId", String.valueOf(queueId));
    }

    @Test
    void aCommittedOffsetIsWhatTheNextQueryAnswersAndANewGroupStartsAtZero() throws Exception {
        f = new ProcessorFixture(dir, BrokerRole.ASYNC_MASTER);
        ConsumerManageProcessor p = new ConsumerManageProcessor(f.consumers, f.offsets, f.store, f.roles);
        RemotingCommand fresh = p.process(client, query("CG", 0));
        assertThat(fresh.getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(fresh.decodeHeader(QueryConsumerOffsetResponseHeader.class).offset).isZero();

        assertThat(p.process(client, update("CG", 0, 17)).getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(p.process(client, update("CG", 1, 4)).getCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(p.process(client, query("CG", 0)).decodeHeader(QueryConsumerOffsetResponseHeader.class).offset)
                .isEqualTo(17);
        assertThat(f.offsets.query("CG", "T", 1)).isEqualTo(4);
        assertThat(f.offsets.query("OTHER", "T", 0)).as("per group").isEqualTo(-1);
    }

    @Test
    void queueOffsetsAndTheOffsetOfATimeComeFromTheStore() throws Exception {
        f = new ProcessorFixture(dir, BrokerRole.ASYNC_MASTER);
        f.topics.update(new TopicConfig("T", 1, 1, PermName.PERM_READ | PermName.PERM_WRITE));
        SendMessageProcessor send = new SendMessageProcessor(f.sendSupport, f.config, f.access, f.putter,
                f.transactions);
        long[] storedAt = new long[4];
        for (int i = 0; i < 4; i++) {
            storedAt[i] = f.clock.millis();
            assertThat(send.process(client, send("T", 0, "m" + i, "")).getCode()).isEqualTo(ResponseCode.SUCCESS);
            f.clock.advance(Duration.ofSeconds(10));
        }
        f.awaitDispatched();
        OffsetQueryProcessor p = new OffsetQueryProcessor(f.store);
        assertThat(offset(p.process(client, request(RequestCode.GET_MAX_OFFSET, "topic", "T", "queueId", "0"))))
                .isEqualTo(4);
        assertThat(offset(p.process(client, request(RequestCode.GET_MIN_OFFSET, "topic", "T", "queueId", "0"))))
                .isZero();
        RemotingCommand atThird = p.process(client, request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, "topic", "T",
                "queueId", "0", "timestamp", String.valueOf(storedAt[2])));
        assertThat(offset(atThird)).isEqualTo(2);
        RemotingCommand afterAll = p.process(client, request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, "topic", "T",
                "queueId", "0", "timestamp", String.valueOf(storedAt[3] + 60_000)));
        assertThat(offset(afterAll)).as("after the last message: its offset, as 4.9 answers").isEqualTo(3);
        assertThat(offset(p.process(client, request(RequestCode.GET_MAX_OFFSET, "topic", "None", "queueId", "0"))))
                .as("an unknown queue is empty").isZero();
    }

    private static long offset(RemotingCommand r) throws Exception {
        assertThat(r.getCode()).as(r.getRemark()).isEqualTo(ResponseCode.SUCCESS);
        return r.decodeHeader(OffsetResponseHeader.class).offset;
    }
}
