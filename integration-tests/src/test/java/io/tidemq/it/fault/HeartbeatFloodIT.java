package io.tidemq.it.fault;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.heartbeat.ConsumeFromWhere;
import io.tidemq.common.protocol.heartbeat.ConsumeType;
import io.tidemq.common.protocol.heartbeat.ConsumerData;
import io.tidemq.common.protocol.heartbeat.HeartbeatData;
import io.tidemq.common.protocol.heartbeat.MessageModel;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.it.support.BrokerMemory;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.RawConnections;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.body.ConsumerConnection;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 consumer clients of one group send, at the same moment, heartbeats that each subscribe to 3,000 topics
 * (about 400 KB of JSON each, 400 MB at once) to a broker with a 256 MiB heap. Every heartbeat is answered, either
 * registered or refused as busy for want of request budget (the client sends its next one 30 s later); the group
 * then has exactly the registered connections and the 3,000 subscriptions, the heap stays bounded, and the broker
 * goes on serving sends. Memory is reported on the "abuse:" line.
 */
class HeartbeatFloodIT {
    private static final int CLIENTS = 1000;
    private static final int TOPICS = 3000;
    private static final String GROUP = "CG_HEARTBEAT_FLOOD";

    @TempDir
    Path dir;

    @Test
    void everyHeartbeatIsAnsweredAndTheGroupHoldsWhatWasRegistered() throws Exception {
        int metricsPort = Ports.free("127.0.0.1");
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess broker = new TideBrokerProcess("127.0.0.1", ns.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-hb", "metricsPort", String.valueOf(metricsPort))).start()) {
            BrokerMemory memory = new BrokerMemory(broker.pid(), metricsPort);
            Map<String, Integer> outcome = new TreeMap<>();
            int registered;
            try (RawConnections clients = new RawConnections(broker.address(), CLIENTS)) {
                memory.start();
                // one body shared by every connection (the test JVM could not hold 1,000 copies): the same client
                // id on 1,000 connections, which the broker tells apart by connection
                byte[] json = Json.toBytes(heartbeat("flood-client"));
                ByteBuffer body = ByteBuffer.allocateDirect(json.length).put(json).flip();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.write(i, RemotingCommand.createRequest(RequestCode.HEART_BEAT)
                            .setBodyBuffers(new ByteBuffer[]{body.duplicate()}, () -> { }));
                }
                clients.flushAll();
                clients.awaitSettled(Duration.ofMinutes(3));
                memory.stop();
                for (RemotingCommand r : clients.answers().values()) {
                    outcome.merge(r.getCode() == ResponseCode.SUCCESS ? "SUCCESS"
                            : (r.getCode() == ResponseCode.SYSTEM_BUSY ? "SYSTEM_BUSY" : "code " + r.getCode())
                            + (r.getRemark() != null && r.getRemark().startsWith("[OVERLOAD]") ? " [OVERLOAD]" : ""),
                            1, Integer::sum);
                }
                System.out.printf("abuse: %d heartbeats of %d subscriptions at once: %s, closed unanswered %d;"
                                + " peak RSS %d MiB (anon %d MiB), peak heap used %d MiB, peak direct %d MiB%n",
                        CLIENTS, TOPICS, outcome, clients.closedUnanswered().size(), memory.peakRssMiB(),
                        memory.peakAnonMiB(), memory.peakHeapMiB(), memory.peakDirectMiB());
                assertThat(broker.isAlive()).isTrue();
                assertThat(clients.closedUnanswered()).isEmpty();
                assertThat(clients.answers()).hasSize(CLIENTS);
                assertThat(outcome.keySet()).isSubsetOf("SUCCESS", "SYSTEM_BUSY [OVERLOAD]");
                registered = outcome.getOrDefault("SUCCESS", 0);
                assertThat(registered).isPositive();

                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                try {
                    ConsumerConnection group = admin.examineConsumerConnectionInfo(GROUP);
                    assertThat(group.getConnectionSet()).as("one connection per registered heartbeat")
                            .hasSize(registered);
                    assertThat(group.getSubscriptionTable()).hasSize(TOPICS).containsKeys("FLOOD_T_0",
                            "FLOOD_T_" + (TOPICS - 1));
                } finally {
                    admin.shutdown();
                }
            }
            DefaultMQProducer producer = Clients.producer("PG_AFTER_HB_FLOOD", ns.address());
            producer.start();
            try {
                assertThat(producer.send(new Message("FLOOD_T_7", "after".getBytes())).getSendStatus())
                        .isEqualTo(SendStatus.SEND_OK);
            } finally {
                producer.shutdown();
            }
            assertThat(memory.peakHeapMiB()).as("peak heap, MiB").isLessThan(256);
            FaultReport.record("1,000 consumers of one group send heartbeats of 3,000 subscriptions each at the same "
                            + "moment (400 MB of JSON)", HeartbeatFloodIT.class, outcome + "; the group holds exactly "
                            + "the registered connections and the 3,000 subscriptions", 0, "-", "-",
                    memory.peaks());
        }
    }

    private static HeartbeatData heartbeat(String clientId) {
        ConsumerData c = new ConsumerData();
        c.groupName = GROUP;
        c.consumeType = ConsumeType.CONSUME_PASSIVELY;
        c.messageModel = MessageModel.CLUSTERING;
        c.consumeFromWhere = ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET;
        for (int t = 0; t < TOPICS; t++) {
            SubscriptionData s = new SubscriptionData();
            s.topic = "FLOOD_T_" + t;
            s.subString = "TagA || TagB";
            s.tagsSet.add("TagA");
            s.tagsSet.add("TagB");
            s.codeSet.add("TagA".hashCode());
            s.codeSet.add("TagB".hashCode());
            s.subVersion = 1;
            c.subscriptionDataSet.add(s);
        }
        HeartbeatData h = new HeartbeatData();
        h.clientID = clientId;
        h.consumerDataSet.add(c);
        return h;
    }
}
