package io.tidemq.broker.out;

import io.tidemq.common.DataVersion;
import io.tidemq.common.protocol.body.TopicConfigSerializeWrapper;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a broker registers for its topics when brokerPermission takes away read or write. */
class BrokerPermissionAnnouncementTest {
    private static TopicConfigSerializeWrapper table() {
        TopicConfigSerializeWrapper w = new TopicConfigSerializeWrapper();
        TopicConfig ordered = new TopicConfig("A", 8, 4, PermName.PERM_READ | PermName.PERM_WRITE);
        ordered.order = true;
        ordered.topicSysFlag = 1;
        w.topicConfigTable.put("A", ordered);
        w.topicConfigTable.put("B", new TopicConfig("B", 2, 2, PermName.PERM_READ));
        w.dataVersion = new DataVersion().next();
        return w;
    }

    @Test
    void readWriteBrokerAnnouncesTopicsUnchanged() {
        TopicConfigSerializeWrapper table = table();
        assertThat(BrokerRegistrar.withBrokerPermission(table, 6)).isSameAs(table);
        assertThat(BrokerRegistrar.withBrokerPermission(table, 7)).isSameAs(table);
    }

    @Test
    void readOnlyBrokerAnnouncesEveryTopicReadOnlyAndLeavesItsTableAlone() {
        TopicConfigSerializeWrapper table = table();
        TopicConfigSerializeWrapper announced = BrokerRegistrar.withBrokerPermission(table, PermName.PERM_READ);
        assertThat(announced.topicConfigTable.values()).extracting(t -> t.perm).containsOnly(PermName.PERM_READ);
        TopicConfig a = announced.topicConfigTable.get("A");
        assertThat(a.readQueueNums).isEqualTo(8);
        assertThat(a.writeQueueNums).isEqualTo(4);
        assertThat(a.order).isTrue();
        assertThat(a.topicSysFlag).isEqualTo(1);
        assertThat(announced.dataVersion).isSameAs(table.dataVersion);
        assertThat(table.topicConfigTable.get("A").perm).isEqualTo(PermName.PERM_READ | PermName.PERM_WRITE);
    }

    @Test
    void writeOnlyBrokerAnnouncesWriteOnly() {
        TopicConfigSerializeWrapper announced = BrokerRegistrar.withBrokerPermission(table(), PermName.PERM_WRITE);
        assertThat(announced.topicConfigTable.values()).extracting(t -> t.perm).containsOnly(PermName.PERM_WRITE);
    }
}
