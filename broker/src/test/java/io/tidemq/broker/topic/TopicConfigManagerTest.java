package io.tidemq.broker.topic;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicConfigManagerTest {
    @TempDir
    Path dir;

    private TopicConfigManager manager(boolean autoCreate) {
        BrokerConfig cfg = new BrokerConfig();
        cfg.setBrokerName("broker-a");
        cfg.setAutoCreateTopicEnable(autoCreate);
        TopicConfigManager m = new TopicConfigManager(cfg, dir);
        m.load();
        return m;
    }

    @Test
    void systemTopicsExistAtStart() {
        TopicConfigManager m = manager(true);
        TopicConfig tbw = m.select("TBW102");
        assertThat(tbw.writeQueueNums).isEqualTo(8);
        assertThat(tbw.perm).isEqualTo(PermName.PERM_READ | PermName.PERM_WRITE | PermName.PERM_INHERIT);
        assertThat(m.select("SCHEDULE_TOPIC_XXXX").readQueueNums).isEqualTo(18);
        assertThat(m.select("DefaultCluster").readQueueNums).isEqualTo(16);
        assertThat(m.select("broker-a").readQueueNums).isEqualTo(1);
        assertThat(m.select("DefaultCluster_REPLY_TOPIC")).isNotNull();
        assertThat(m.isSystemTopic("TBW102")).isTrue();
        assertThat(m.isSystemTopic("rmq_sys_anything")).isTrue();
        assertThat(m.isSystemTopic("Orders")).isFalse();
    }

    @Test
    void autoCreateTakesMinOfClientAndTemplateQueuesAndDropsInherit() {
        TopicConfigManager m = manager(true);
        List<String> created = new ArrayList<>();
        m.setOnCreated(tc -> created.add(tc.topicName));
        TopicConfig tc = m.createOnSend("Orders", "TBW102", 4, 0);
        assertThat(tc.writeQueueNums).isEqualTo(4);
        assertThat(tc.readQueueNums).isEqualTo(4);
        assertThat(tc.perm).isEqualTo(PermName.PERM_READ | PermName.PERM_WRITE);
        assertThat(created).containsExactly("Orders");
        assertThat(m.createOnSend("Orders", "TBW102", 4, 0)).isSameAs(tc);
        assertThat(created).hasSize(1);
        assertThat(m.createOnSend("Big", "TBW102", 64, 0).writeQueueNums).isEqualTo(8);
    }

    @Test
    void noAutoCreateWithoutTheSwitchOrATemplateThatInherits() {
        TopicConfigManager off = manager(false);
        assertThat(off.select("TBW102")).isNull();
        assertThat(off.createOnSend("Orders", "TBW102", 4, 0)).isNull();
        TopicConfigManager on = manager(true);
        assertThat(on.createOnSend("Orders", "NO_TEMPLATE", 4, 0)).isNull();
        assertThat(on.createOnSend("Orders", "SCHEDULE_TOPIC_XXXX", 4, 0)).isNull();
    }

    @Test
    void topicsAndVersionSurviveReload() throws Exception {
        TopicConfigManager m = manager(true);
        TopicConfig admin = new TopicConfig("AdminTopic", 3, 5, 6);
        m.update(admin);
        long counter = m.dataVersion().counter;
        TopicConfigManager again = manager(true);
        assertThat(again.select("AdminTopic")).isEqualTo(admin);
        assertThat(again.dataVersion().counter).isGreaterThanOrEqualTo(counter);
        assertThat(Files.readString(dir.resolve("topics.json"))).contains("\"AdminTopic\"");
        assertThat(again.delete("AdminTopic")).isTrue();
        assertThat(manager(true).select("AdminTopic")).isNull();
    }

    @Test
    void damagedFileFallsBackToBackup() throws Exception {
        TopicConfigManager m = manager(true);
        m.update(new TopicConfig("Kept", 2, 2, 6));
        m.update(new TopicConfig("Kept2", 2, 2, 6));
        Files.writeString(dir.resolve("topics.json"), "{ broken");
        TopicConfigManager again = manager(true);
        assertThat(again.select("Kept")).isNotNull();
    }
}
