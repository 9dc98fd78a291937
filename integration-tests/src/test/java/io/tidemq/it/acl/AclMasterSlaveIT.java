package io.tidemq.it.acl;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.store.MessageStore;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.tidemq.it.acl.AclFixture.ADMIN_AK;
import static io.tidemq.it.acl.AclFixture.ADMIN_SK;
import static io.tidemq.it.acl.AclFixture.APP_AK;
import static io.tidemq.it.acl.AclFixture.APP_SK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A master/slave pair, both with aclEnable=true and no whitelisted address: the slave signs its metadata sync with
 * innerClientAuthenticationCredentials and so learns the master's topics and offsets, and replicates its messages.
 */
class AclMasterSlaveIT {
    @TempDir
    Path dir;

    @Test
    void aPairWithAclReplicatesDataAndMetadata() throws Exception {
        Path home = dir.resolve("home");
        AclFixture.install(home);
        Map<String, String> common = Map.of("brokerName", "broker-acl-ha", "aclEnable", "true",
                "rocketmqHome", home.toString(), "autoCreateTopicEnable", "false");
        Map<String, String> slaveSettings = new HashMap<>(common);
        slaveSettings.putAll(Map.of("brokerRole", "SLAVE", "brokerId", "1", "slaveSynchronizeInterval", "1000",
                "innerClientAuthenticationCredentials",
                "{\"accessKey\":\"" + AclFixture.BROKER_AK + "\",\"secretKey\":\"" + AclFixture.BROKER_SK + "\"}"));
        Map<String, String> masterSettings = new HashMap<>(common);
        masterSettings.put("brokerRole", "SYNC_MASTER");
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker master = new TideBroker("127.0.0.2", ns.address(), dir.resolve("m"), masterSettings);
             TideBroker slave = new TideBroker("127.0.0.3", ns.address(), dir.resolve("s"), slaveSettings)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> master.controller().haService().connectionCount() == 1);
            DefaultMQAdminExt admin = Clients.admin(ns.address(), Clients.signer(ADMIN_AK, ADMIN_SK));
            admin.start();
            DefaultMQProducer producer = Clients.producer("AclHaProducer", ns.address(),
                    Clients.signer(APP_AK, APP_SK));
            try {
                admin.createAndUpdateTopicConfig(master.address(), new TopicConfig("AclTopic", 2, 2, 6));
                SubscriptionGroupConfig group = new SubscriptionGroupConfig();
                group.setGroupName("AclHaGroup");
                group.setRetryMaxTimes(7);
                admin.createAndUpdateSubscriptionGroupConfig(master.address(), group);
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> admin.examineTopicRouteInfo("AclTopic") != null);
                producer.start();
                for (int i = 0; i < 50; i++) {
                    // SYNC_MASTER: SEND_OK only once the slave holds the message
                    assertThat(producer.send(new Message("AclTopic", ("ha-" + i).getBytes(StandardCharsets.UTF_8)))
                            .getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                }
            } finally {
                producer.shutdown();
                admin.shutdown();
            }
            MessageStore m = master.controller().store();
            MessageStore s = slave.controller().store();
            await().atMost(Duration.ofSeconds(10)).until(() -> s.getMaxPhyOffset() == m.getMaxPhyOffset());
            // the signed metadata sync (a group exists on the slave only through it)
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    slave.controller().subscriptionGroupManager().find("AclHaGroup") != null);
            assertThat(slave.controller().subscriptionGroupManager().find("AclHaGroup").retryMaxTimes).isEqualTo(7);
            assertThat(slave.controller().topicConfigManager().select("AclTopic").readQueueNums).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    s.getMaxOffsetInQueue("AclTopic", 0) + s.getMaxOffsetInQueue("AclTopic", 1) == 50);
        }
    }
}
