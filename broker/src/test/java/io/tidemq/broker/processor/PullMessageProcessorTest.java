package io.tidemq.broker.processor;

import io.tidemq.broker.stats.SlowConsumerProtection;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.PullMessageResponseHeader;
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
import java.util.List;

import static io.tidemq.broker.processor.Requests.props;
import static io.tidemq.broker.processor.Requests.pull;
import static io.tidemq.broker.processor.Requests.send;
import static org.assertj.core.api.Assertions.assertThat;

/** PULL_MESSAGE against the real store: found messages in order, offsets past the end, permissions, a slave. */
class PullMessageProcessorTest {
    @TempDir
    Path dir;
    ProcessorFixture f;
    final FakeChannel consumer = new FakeChannel("127.0.0.1:50002");

    /** A broker of {@code role} whose topic T holds {@code n} messages in queue 0 (written while it was master). */
    private PullMessageProcessor brokerWith(BrokerRole role, int n) throws Exception {
        f = new ProcessorFixture(dir, BrokerRole.ASYNC_MASTER);
        f.topics.update(new TopicConfig("T", 2, 2, PermName.PERM_READ | PermName.PERM_WRITE));
        SendMessageProcessor send = new SendMessageProcessor(f.sendSupport, f.config, f.access, f.putter,
                f.transactions);
        for (int i = 0; i < n; i++) {
            assertThat(send.process(consumer, send("T", 0, "m" + i, props("TAGS", "t"))).getCode())
                    .isEqualTo(ResponseCode.SUCCESS);
        }
        f.awaitDispatched();
        if (!role.isMaster()) {
            f.roles.switchTo(role, 1);
        }
        return new PullMessageProcessor(f.meta, f.access, f.clients,
                new SlowConsumerProtection(f.config, f.groups), f.metrics);
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aPullReturnsTheStoredMessagesInOrderFromTheRequestedOffset() throws Exception {
        PullMessageProcessor p = brokerWith(BrokerRole.ASYNC_MASTER, 5);
        RemotingCommand r = p.process(consumer, pull("CG", "T", 0, 2));
        assertThat(r.getCode()).as(r.getRemark()).isEqualTo(ResponseCode.SUCCESS);
        PullMessageResponseHeader h = r.decodeHeader(PullMessageResponseHeader.class);
        assertThat(h.nextBeginOffset).isEqualTo(5);
        assertThat(h.minOffset).isZero();
        assertThat(h.maxOffset).isEqualTo(5);
        assertThat(h.suggestWhichBrokerId).isZero();
        List<MessageExt> found = ProcessorFixture.messagesOf(r);
        assertThat(found).extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
                .containsExactly("m2", "m3", "m4");
        assertThat(found).extracting(MessageExt::getQueueOffset).containsExactly(2L, 3L, 4L);
    }

    @Test
    void theEndOfTheQueueIsNotFoundAndBeyondItTheOffsetMoves() throws Exception {
        PullMessageProcessor p = brokerWith(BrokerRole.ASYNC_MASTER, 3);
        RemotingCommand atEnd = p.process(consumer, pull("CG", "T", 0, 3));
        assertThat(atEnd.getCode()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
        assertThat(atEnd.decodeHeader(PullMessageResponseHeader.class).nextBeginOffset).isEqualTo(3);
        RemotingCommand beyond = p.process(consumer, pull("CG", "T", 0, 40));
        assertThat(beyond.getCode()).isEqualTo(ResponseCode.PULL_OFFSET_MOVED);
        // as 4.9 answers: while the queue still starts at 0, a consumer past the end starts over from there
        assertThat(beyond.decodeHeader(PullMessageResponseHeader.class).nextBeginOffset).isZero();
        RemotingCommand empty = p.process(consumer, pull("CG", "T", 1, 0));
        assertThat(empty.getCode()).isEqualTo(ResponseCode.PULL_NOT_FOUND);
    }

    @Test
    void aSlaveAsksToRetryInsteadOfMovingTheOffsetItMayNotHaveYet() throws Exception {
        PullMessageProcessor p = brokerWith(BrokerRole.SLAVE, 3);
        RemotingCommand beyond = p.process(consumer, pull("CG", "T", 0, 40));
        assertThat(beyond.getCode()).isEqualTo(ResponseCode.PULL_RETRY_IMMEDIATELY);
        assertThat(ProcessorFixture.messagesOf(p.process(consumer, pull("CG", "T", 0, 0))))
                .as("a slave serves what it holds").hasSize(3);
    }

    @Test
    void unknownTopicsUnreadableBrokersAndBadQueuesAreRefused() throws Exception {
        PullMessageProcessor p = brokerWith(BrokerRole.ASYNC_MASTER, 1);
        assertThat(p.process(consumer, pull("CG", "NoSuchTopic", 0, 0)).getCode())
                .isEqualTo(ResponseCode.TOPIC_NOT_EXIST);
        RemotingCommand badQueue = p.process(consumer, pull("CG", "T", 7, 0));
        assertThat(badQueue.getCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
        assertThat(badQueue.getRemark()).contains("queueId[7] is illegal");
        f.config.setBrokerPermission(PermName.PERM_WRITE);
        assertThat(p.process(consumer, pull("CG", "T", 0, 0)).getCode()).isEqualTo(ResponseCode.NO_PERMISSION);
    }
}
