package io.tidemq.broker.compat;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.body.ConsumeStats;
import io.tidemq.common.protocol.body.ConsumerConnection;
import io.tidemq.common.protocol.body.ConsumerOffsetSerializeWrapper;
import io.tidemq.common.protocol.body.Connection;
import io.tidemq.common.protocol.body.LockBatchRequestBody;
import io.tidemq.common.protocol.body.LockBatchResponseBody;
import io.tidemq.common.protocol.body.MessageQueue;
import io.tidemq.common.protocol.body.OffsetWrapper;
import io.tidemq.common.protocol.body.ResetOffsetBody;
import io.tidemq.common.protocol.body.SubscriptionGroupWrapper;
import io.tidemq.common.protocol.body.TopicOffset;
import io.tidemq.common.protocol.body.TopicStatsTable;
import io.tidemq.common.protocol.heartbeat.ConsumeType;
import io.tidemq.common.protocol.heartbeat.HeartbeatData;
import io.tidemq.common.protocol.heartbeat.MessageModel;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.common.protocol.heartbeat.ProducerData;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our bodies, as Jackson writes them, parsed by the official 4.9.3 classes with fastjson — and the official bodies
 * parsed by us. These are the shapes mqadmin and the client exchange with a broker.
 */
class FastjsonCompatibilityTest {
    private static final MessageQueue MQ = new MessageQueue("T", "broker-a", 3);

    @Test
    void consumeStatsWithMessageQueueKeysParseOfficially() {
        ConsumeStats ours = new ConsumeStats();
        OffsetWrapper w = new OffsetWrapper();
        w.brokerOffset = 10;
        w.consumerOffset = 7;
        w.lastTimestamp = 123;
        ours.offsetTable.put(MQ, w);
        org.apache.rocketmq.common.admin.ConsumeStats theirs = RemotingSerializable.decode(Json.toBytes(ours),
                org.apache.rocketmq.common.admin.ConsumeStats.class);
        var mq = new org.apache.rocketmq.common.message.MessageQueue("T", "broker-a", 3);
        assertThat(theirs.getOffsetTable().get(mq).getBrokerOffset()).isEqualTo(10);
        assertThat(theirs.getOffsetTable().get(mq).getConsumerOffset()).isEqualTo(7);
        assertThat(theirs.computeTotalDiff()).isEqualTo(3);
    }

    @Test
    void topicStatsParseOfficially() {
        TopicStatsTable ours = new TopicStatsTable();
        TopicOffset o = new TopicOffset();
        o.minOffset = 1;
        o.maxOffset = 5;
        o.lastUpdateTimestamp = 99;
        ours.offsetTable.put(MQ, o);
        var theirs = RemotingSerializable.decode(Json.toBytes(ours),
                org.apache.rocketmq.common.admin.TopicStatsTable.class);
        var off = theirs.getOffsetTable().get(new org.apache.rocketmq.common.message.MessageQueue("T", "broker-a", 3));
        assertThat(off.getMinOffset()).isEqualTo(1);
        assertThat(off.getMaxOffset()).isEqualTo(5);
        assertThat(off.getLastUpdateTimestamp()).isEqualTo(99);
    }

    @Test
    void resetOffsetBodyParsesOfficially() {
        ResetOffsetBody ours = new ResetOffsetBody();
        ours.offsetTable.put(MQ, 42L);
        var theirs = RemotingSerializable.decode(Json.toBytes(ours),
                org.apache.rocketmq.common.protocol.body.ResetOffsetBody.class);
        assertThat(theirs.getOffsetTable())
                .containsEntry(new org.apache.rocketmq.common.message.MessageQueue("T", "broker-a", 3), 42L);
    }

    @Test
    void officialHeartbeatParsesIntoOurs() {
        var hb = new org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData();
        hb.setClientID("10.0.0.5@123#456");
        ConsumerData cd = new ConsumerData();
        cd.setGroupName("CG");
        cd.setConsumeType(org.apache.rocketmq.common.protocol.heartbeat.ConsumeType.CONSUME_PASSIVELY);
        cd.setMessageModel(org.apache.rocketmq.common.protocol.heartbeat.MessageModel.CLUSTERING);
        cd.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        var sd = new org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData("TopicTest", "TagA || TagC");
        sd.getTagsSet().add("TagA");
        sd.getTagsSet().add("TagC");
        sd.getCodeSet().add("TagA".hashCode());
        sd.getCodeSet().add("TagC".hashCode());
        cd.getSubscriptionDataSet().add(sd);
        hb.getConsumerDataSet().add(cd);
        ProducerData pd = new ProducerData();
        pd.setGroupName("CLIENT_INNER_PRODUCER");
        hb.getProducerDataSet().add(pd);

        HeartbeatData ours = Json.fromBytes(hb.encode(), HeartbeatData.class);
        assertThat(ours.clientID).isEqualTo("10.0.0.5@123#456");
        assertThat(ours.producerDataSet).extracting(p -> p.groupName).containsExactly("CLIENT_INNER_PRODUCER");
        var consumer = ours.consumerDataSet.iterator().next();
        assertThat(consumer.groupName).isEqualTo("CG");
        assertThat(consumer.consumeType).isEqualTo(ConsumeType.CONSUME_PASSIVELY);
        assertThat(consumer.messageModel).isEqualTo(MessageModel.CLUSTERING);
        SubscriptionData sub = consumer.subscriptionDataSet.iterator().next();
        assertThat(sub.topic).isEqualTo("TopicTest");
        assertThat(sub.subString).isEqualTo("TagA || TagC");
        assertThat(sub.codeSet).containsExactlyInAnyOrder("TagA".hashCode(), "TagC".hashCode());
        assertThat(sub.isTagType()).isTrue();
    }

    @Test
    void lockBodiesRoundTripWithOfficialClasses() {
        var req = new org.apache.rocketmq.common.protocol.body.LockBatchRequestBody();
        req.setClientId("c1");
        req.setConsumerGroup("CG");
        req.setMqSet(Set.of(new org.apache.rocketmq.common.message.MessageQueue("T", "broker-a", 3)));
        LockBatchRequestBody ours = Json.fromBytes(req.encode(), LockBatchRequestBody.class);
        assertThat(ours.mqSet).containsExactly(MQ);
        LockBatchResponseBody resp = new LockBatchResponseBody();
        resp.lockOKMQSet.add(MQ);
        var theirs = RemotingSerializable.decode(Json.toBytes(resp),
                org.apache.rocketmq.common.protocol.body.LockBatchResponseBody.class);
        assertThat(theirs.getLockOKMQSet())
                .containsExactly(new org.apache.rocketmq.common.message.MessageQueue("T", "broker-a", 3));
    }

    @Test
    void consumerConnectionParsesOfficially() {
        ConsumerConnection ours = new ConsumerConnection();
        Connection c = new Connection();
        c.clientId = "id1";
        c.clientAddr = "127.0.0.1:5555";
        c.language = "JAVA";
        c.version = 399;
        ours.connectionSet.add(c);
        ours.subscriptionTable.put("T", SubscriptionData.ofTags("T", "TagA"));
        ours.consumeType = ConsumeType.CONSUME_PASSIVELY;
        ours.messageModel = MessageModel.CLUSTERING;
        ours.consumeFromWhere = io.tidemq.common.protocol.heartbeat.ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
        var theirs = RemotingSerializable.decode(Json.toBytes(ours),
                org.apache.rocketmq.common.protocol.body.ConsumerConnection.class);
        assertThat(theirs.getConnectionSet()).hasSize(1);
        assertThat(theirs.getConnectionSet().iterator().next().getVersion()).isEqualTo(399);
        assertThat(theirs.getSubscriptionTable().get("T").getTagsSet()).containsExactly("TagA");
        assertThat(theirs.getMessageModel().name()).isEqualTo("CLUSTERING");
    }

    @Test
    void consumerOffsetTableReadsFastjsonUnquotedKeysAndWritesWhatFastjsonReads() {
        String fastjson = "{\"offsetTable\":{\"TopicTest@CG\":{0:3,1:1},\"%RETRY%CG@CG\":{0:1}}}";
        ConsumerOffsetSerializeWrapper ours = Json.fromString(fastjson, ConsumerOffsetSerializeWrapper.class);
        assertThat(ours.offsetTable.get("TopicTest@CG")).containsEntry(0, 3L).containsEntry(1, 1L);
        // what the official broker would read back from our consumerOffset.json (fastjson, typed)
        var table = com.alibaba.fastjson.JSON.parseObject(Json.toString(ours),
                new com.alibaba.fastjson.TypeReference<java.util.Map<String,
                        java.util.Map<String, java.util.concurrent.ConcurrentMap<Integer, Long>>>>() { });
        assertThat(table.get("offsetTable").get("TopicTest@CG")).containsEntry(0, 3L).containsEntry(1, 1L);
        assertThat(table.get("offsetTable").get("%RETRY%CG@CG")).containsEntry(0, 1L);
    }

    @Test
    void subscriptionGroupWrapperParsesOfficially() {
        SubscriptionGroupWrapper ours = new SubscriptionGroupWrapper();
        SubscriptionGroupConfig g = new SubscriptionGroupConfig("CG_X");
        g.retryMaxTimes = 5;
        ours.subscriptionGroupTable = new ConcurrentHashMap<>();
        ours.subscriptionGroupTable.put("CG_X", g);
        var theirs = RemotingSerializable.decode(Json.toBytes(ours),
                org.apache.rocketmq.common.protocol.body.SubscriptionGroupWrapper.class);
        assertThat(theirs.getSubscriptionGroupTable().get("CG_X").getRetryMaxTimes()).isEqualTo(5);
        assertThat(theirs.getSubscriptionGroupTable().get("CG_X").isConsumeEnable()).isTrue();
    }
}
