package io.tidemq.broker.processor;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.BrokerRole;
import io.tidemq.testing.FakeChannel;
import org.apache.rocketmq.common.admin.TopicStatsTable;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.tidemq.broker.processor.Requests.request;
import static io.tidemq.broker.processor.Requests.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Topic administration: create (announced to the NameServers), stats as the official admin decodes them, delete. */
class TopicAdminProcessorTest {
    @TempDir
    Path dir;
    ProcessorFixture f;
    final FakeChannel admin = new FakeChannel("127.0.0.1:50004");

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private static RemotingCommand create(String topic, int queues, int perm) {
        return request(RequestCode.UPDATE_AND_CREATE_TOPIC, "topic", topic, "defaultTopic", "TBW102",
                "readQueueNums", String.valueOf(queues), "writeQueueNums", String.valueOf(queues),
                "perm", String.valueOf(perm), "topicFilterType", "SINGLE_TAG", "topicSysFlag", "0", "order", "false");
    }

    @Test
    void aCreatedTopicIsKeptAnnouncedCountedAndDeletedWithItsOffsetsAndQueues() throws Exception {
        f = new ProcessorFixture(dir, BrokerRole.ASYNC_MASTER);
        TopicAdminProcessor p = new TopicAdminProcessor(f.meta, f.access, f.consumers, f.registration);
        assertThat(p.process(admin, create("Orders", 3, PermName.PERM_READ | PermName.PERM_WRITE)).getCode())
                .isEqualTo(ResponseCode.SUCCESS);
        TopicConfig tc = f.topics.select("Orders");
        assertThat(tc.readQueueNums).isEqualTo(3);
        assertThat(tc.writeQueueNums).isEqualTo(3);
        assertThat(f.announced).containsExactly("Orders");

        SendMessageProcessor send = new SendMessageProcessor(f.sendSupport, f.config, f.access, f.putter,
                f.transactions);
        for (int i = 0; i < 5; i++) {
            assertThat(send.process(admin, send("Orders", 1, "o" + i, "")).getCode()).isEqualTo(ResponseCode.SUCCESS);
        }
        f.awaitDispatched();
        RemotingCommand stats = p.process(admin, request(RequestCode.GET_TOPIC_STATS_INFO, "topic", "Orders"));
        assertThat(stats.getCode()).isEqualTo(ResponseCode.SUCCESS);
        TopicStatsTable table = RemotingSerializable.decode(stats.getBody(), TopicStatsTable.class);
        assertThat(table.getOffsetTable()).hasSize(3);
        assertThat(table.getOffsetTable().get(new MessageQueue("Orders", "broker-test", 1)).getMaxOffset())
                .isEqualTo(5);
        assertThat(table.getOffsetTable().get(new MessageQueue("Orders", "broker-test", 0)).getMaxOffset())
                .isZero();

        f.offsets.commit("CG", "Orders", 1, 3);
        assertThat(p.process(admin, request(RequestCode.DELETE_TOPIC_IN_BROKER, "topic", "Orders")).getCode())
                .isEqualTo(ResponseCode.SUCCESS);
        assertThat(f.topics.select("Orders")).isNull();
        assertThat(f.offsets.query("CG", "Orders", 1)).isEqualTo(-1);
        assertThat(f.store.getMaxOffsetInQueue("Orders", 1)).isZero();
        assertThat(p.process(admin, request(RequestCode.GET_TOPIC_STATS_INFO, "topic", "Orders")).getCode())
                .isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
    }

    @Test
    void badNamesSystemTopicsAndBadQueueCountsAreRefusedAndNothingIsAnnounced() throws Exception {
        f = new ProcessorFixture(dir, BrokerRole.ASYNC_MASTER);
        TopicAdminProcessor p = new TopicAdminProcessor(f.meta, f.access, f.consumers, f.registration);
        assertThat(p.process(admin, create("bad topic!", 1, 6)).getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        RemotingCommand system = p.process(admin, create("SCHEDULE_TOPIC_XXXX", 1, 6));
        assertThat(system.getRemark()).contains("conflict with system topic");
        RemotingCommand zero = p.process(admin, create("Zero", 0, 6));
        assertThat(zero.getRemark()).contains("must be positive");
        assertThat(f.topics.select("Zero")).isNull();
        assertThat(f.announced).isEmpty();
        RemotingCommand deleteSystem = p.process(admin, request(RequestCode.DELETE_TOPIC_IN_BROKER,
                "topic", "SCHEDULE_TOPIC_XXXX"));
        assertThat(deleteSystem.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
    }
}
