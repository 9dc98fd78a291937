package io.tidemq.namesrv.kv;

import com.alibaba.fastjson.JSON;
import com.alibaba.fastjson.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvConfigManagerTest {
    @TempDir
    Path dir;

    @Test
    void valuesSurviveARestartInTheOfficialFileFormat() throws Exception {
        Path file = dir.resolve("namesrv/kvConfig.json");
        KvConfigManager kv = new KvConfigManager(file);
        kv.load();
        kv.put("ORDER_TOPIC_CONFIG", "TopicA", "broker-a:4;broker-b:4");
        kv.put("NS2", "k", "v1");
        kv.put("NS2", "k", "v2");
        kv.put("NS2", "gone", "x");
        kv.delete("NS2", "gone");

        KvConfigManager reloaded = new KvConfigManager(file);
        reloaded.load();
        assertThat(reloaded.get("ORDER_TOPIC_CONFIG", "TopicA")).isEqualTo("broker-a:4;broker-b:4");
        assertThat(reloaded.get("NS2", "k")).isEqualTo("v2");
        assertThat(reloaded.get("NS2", "gone")).isNull();
        assertThat(reloaded.namespace("NS2").table).containsExactly(Map.entry("k", "v2"));
        assertThat(reloaded.namespace("NOPE")).isNull();

        // what fastjson (the official KVConfigManager's parser) sees in the file
        JSONObject json = JSON.parseObject(Files.readString(file));
        assertThat(json.getJSONObject("configTable").getJSONObject("ORDER_TOPIC_CONFIG").getString("TopicA"))
                .isEqualTo("broker-a:4;broker-b:4");
    }

    @Test
    void readsAFileWrittenByTheOfficialNameServer() throws Exception {
        Path file = dir.resolve("kvConfig.json");
        Files.writeString(file, "{\"configTable\":{\"ORDER_TOPIC_CONFIG\":{\"TopicA\":\"broker-a:4\"}}}");
        KvConfigManager kv = new KvConfigManager(file);
        kv.load();
        assertThat(kv.get("ORDER_TOPIC_CONFIG", "TopicA")).isEqualTo("broker-a:4");
    }

    @Test
    void aCorruptFileFallsBackToTheBackup() throws Exception {
        Path file = dir.resolve("kvConfig.json");
        KvConfigManager kv = new KvConfigManager(file);
        kv.put("NS", "a", "1");
        kv.put("NS", "b", "2"); // the previous content (only a) is now the .bak
        Files.write(file, "{\"configTable\":{\"NS\":".getBytes(StandardCharsets.UTF_8));

        KvConfigManager reloaded = new KvConfigManager(file);
        reloaded.load();
        assertThat(reloaded.get("NS", "a")).isEqualTo("1");
    }

    @Test
    void anUnreadableFileWithoutBackupStopsStartupInsteadOfBeingOverwritten() throws Exception {
        Path file = dir.resolve("kvConfig.json");
        Files.writeString(file, "garbage");
        KvConfigManager kv = new KvConfigManager(file);
        assertThatThrownBy(kv::load).isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("garbage");
    }

    @Test
    void aFailedWriteLeavesMemoryAsItWas() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        KvConfigManager kv = new KvConfigManager(blocker.resolve("kvConfig.json"));
        assertThatThrownBy(() -> kv.put("NS", "k", "v")).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(kv.get("NS", "k")).isNull();
        assertThat(kv.namespace("NS")).isNull();
    }
}
