package io.tidemq.broker.processor;

import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.SendMessageResponseHeader;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.BrokerRole;
import io.tidemq.testing.FakeChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.tidemq.broker.processor.Requests.props;
import static io.tidemq.broker.processor.Requests.send;
import static org.assertj.core.api.Assertions.assertThat;

/** SEND_MESSAGE against the real store and topic table, without a controller or a server. */
class SendMessageProcessorTest {
    @TempDir
    Path dir;
    ProcessorFixture f;
    final FakeChannel producer = new FakeChannel("127.0.0.1:50001");

    private SendMessageProcessor processor(BrokerRole role) {
        f = new ProcessorFixture(dir, role);
        f.topics.update(new TopicConfig("T", 4, 4, PermName.PERM_READ | PermName.PERM_WRITE));
        return new SendMessageProcessor(f.sendSupport, f.config, f.access, f.putter, f.transactions);
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aSendIsStoredWithItsBodyPropertiesAndTheNextQueueOffset() throws Exception {
        SendMessageProcessor p = processor(BrokerRole.ASYNC_MASTER);
        for (int i = 0; i < 3; i++) {
            RemotingCommand r = p.process(producer, send("T", 2, "body-" + i, props("KEYS", "k" + i, "TAGS", "a")));
            assertThat(r.getCode()).as(r.getRemark()).isEqualTo(ResponseCode.SUCCESS);
            SendMessageResponseHeader h = r.decodeHeader(SendMessageResponseHeader.class);
            assertThat(h.queueId).isEqualTo(2);
            assertThat(h.queueOffset).isEqualTo(i);
            assertThat(h.msgId).startsWith("7F00000100002A9F");
        }
        f.awaitDispatched();
        assertThat(f.store.getMaxOffsetInQueue("T", 2)).isEqualTo(3);
        MessageExt stored = f.store.lookMessageByOffset(f.store.getCommitLogOffsetInQueue("T", 2, 1));
        assertThat(new String(stored.getBody(), StandardCharsets.UTF_8)).isEqualTo("body-1");
        assertThat(stored.getProperties()).containsEntry("KEYS", "k1").containsEntry("TAGS", "a");
        assertThat(stored.getBornHost().toString()).contains("50001");
        assertThat(stored.getStoreHost()).isEqualTo(ProcessorFixture.STORE_HOST);
    }

    @Test
    void aDelayedSendIsParkedInTheScheduleTopicWithItsRealTopicKept() throws Exception {
        SendMessageProcessor p = processor(BrokerRole.ASYNC_MASTER);
        RemotingCommand r = p.process(producer, send("T", 1, "later",
                props(MessageConst.PROPERTY_DELAY_TIME_LEVEL, "3")));
        assertThat(r.getCode()).isEqualTo(ResponseCode.SUCCESS);
        f.awaitDispatched();
        assertThat(f.store.getMaxOffsetInQueue("T", 1)).isZero();
        assertThat(f.store.getMaxOffsetInQueue("SCHEDULE_TOPIC_XXXX", 2)).isEqualTo(1);
        MessageExt parked = f.store.lookMessageByOffset(f.store.getCommitLogOffsetInQueue("SCHEDULE_TOPIC_XXXX", 2, 0));
        assertThat(parked.getProperties()).containsEntry(MessageConst.PROPERTY_REAL_TOPIC, "T")
                .containsEntry(MessageConst.PROPERTY_REAL_QUEUE_ID, "1");
    }

    @Test
    void aSlaveAndAReadOnlyBrokerRefuseSendsAndStoreNothing() throws Exception {
        SendMessageProcessor onSlave = processor(BrokerRole.SLAVE);
        RemotingCommand refused = onSlave.process(producer, send("T", 0, "x", ""));
        assertThat(refused.getCode()).isEqualTo(ResponseCode.SERVICE_NOT_AVAILABLE);
        assertThat(refused.getRemark()).contains("is a slave");
        f.close();

        SendMessageProcessor readOnly = processor(BrokerRole.ASYNC_MASTER);
        f.config.setBrokerPermission(PermName.PERM_READ);
        RemotingCommand forbidden = readOnly.process(producer, send("T", 0, "x", ""));
        assertThat(forbidden.getCode()).isEqualTo(ResponseCode.NO_PERMISSION);
        assertThat(f.store.getMaxPhyOffset()).isZero();
    }

    @Test
    void aQueueBeyondTheTopicIsRefusedNamingIt() throws Exception {
        SendMessageProcessor p = processor(BrokerRole.ASYNC_MASTER);
        RemotingCommand r = p.process(producer, send("T", 9, "x", ""));
        assertThat(r.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(r.getRemark()).contains("queueId[9] is illegal");
        assertThat(f.store.getMaxPhyOffset()).isZero();
    }
}
