package io.tidemq.broker.config;

import io.tidemq.config.ConfigException;
import io.tidemq.store.BrokerRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeConfigUpdateTest {
    @TempDir
    Path dir;

    private BrokerConfiguration started(String fileText) throws Exception {
        Path f = dir.resolve("broker-a.properties");
        Files.writeString(f, fileText);
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyFile(f);
        c.applyOverride("storePathRootDir=" + dir.resolve("store"));
        c.finish();
        return c;
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void liveKeysChangeAndOnlyTheirLinesOfTheFileChange() throws Exception {
        BrokerConfiguration c = started("# broker-a, rack 3\nbrokerClusterName=DefaultCluster\nbrokerName=broker-a\n"
                + "fileReservedTime=48\n\ndeleteWhen=04\n");
        RuntimeConfigUpdate update = new RuntimeConfigUpdate(c);
        assertThat(update.apply(props("fileReservedTime", "24", "brokerPermission", "4", "deleteWhen", "04")))
                .containsExactly("brokerPermission", "fileReservedTime");
        assertThat(c.store.retention().getFileReservedTime()).isEqualTo(24);
        assertThat(c.broker.getBrokerPermission()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("broker-a.properties"))).isEqualTo("# broker-a, rack 3\n"
                + "brokerClusterName=DefaultCluster\nbrokerName=broker-a\nfileReservedTime=24\n\ndeleteWhen=04\n"
                + "brokerPermission=4\n");
    }

    @Test
    void oneBadEntryChangesNothing() throws Exception {
        BrokerConfiguration c = started("brokerName=broker-a\n");
        String before = Files.readString(dir.resolve("broker-a.properties"));
        RuntimeConfigUpdate update = new RuntimeConfigUpdate(c);
        assertThatThrownBy(() -> update.apply(props("fileReservedTime", "24", "listenPort", "20911",
                "autoCreateTopicEnabel", "false", "diskMaxUsedSpaceRatio", "99", "enableDLegerCommitLog", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'listenPort' cannot change while the broker runs")
                .hasMessageContaining("did you mean autoCreateTopicEnable?")
                .hasMessageContaining("enableDLegerCommitLog=true is refused");
        assertThatThrownBy(() -> update.apply(props("fileReservedTime", "24", "diskMaxUsedSpaceRatio", "99")))
                .hasMessageContaining("diskMaxUsedSpaceRatio must be within 10..95");
        assertThat(c.store.retention().getFileReservedTime()).isEqualTo(72);
        assertThat(c.store.retention().getDiskMaxUsedSpaceRatio()).isEqualTo(75);
        assertThat(c.server.getListenPort()).isEqualTo(10911);
        assertThat(Files.readString(dir.resolve("broker-a.properties"))).isEqualTo(before);
    }

    @Test
    void restartKeysAtTheirCurrentValueAndNoEffectKeysAreAccepted() throws Exception {
        BrokerConfiguration c = started("brokerName=broker-a\n");
        RuntimeConfigUpdate update = new RuntimeConfigUpdate(c);
        assertThat(update.apply(props("listenPort", "10911", "brokerName", "broker-a"))).isEmpty();
        assertThat(update.apply(props("useReentrantLockWhenPutMessage", "false")))
                .containsExactly("useReentrantLockWhenPutMessage");
        assertThat(update.apply(props("autoCreateTopicEnable", "FALSE"))).containsExactly("autoCreateTopicEnable");
        assertThat(c.broker.isAutoCreateTopicEnable()).isFalse();
        assertThat(Files.readString(dir.resolve("broker-a.properties")))
                .contains("useReentrantLockWhenPutMessage=false").contains("autoCreateTopicEnable=false");
    }

    @Test
    void withoutAConfigFileChangesGoUnderTheStoreRoot() throws Exception {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyOverride("storePathRootDir=" + dir.resolve("store"));
        c.finish();
        new RuntimeConfigUpdate(c).apply(props("brokerPermission", "4"));
        assertThat(Files.readString(dir.resolve("store/config/broker.properties"))).isEqualTo("brokerPermission=4\n");
    }

    @Test
    void aRoleChangeGoesThroughTheRoleSwitchWithTheDerivedBrokerId() throws Exception {
        BrokerConfiguration c = started("brokerName=broker-a\nbrokerRole=SYNC_MASTER\n");
        RuntimeConfigUpdate update = new RuntimeConfigUpdate(c);
        assertThatThrownBy(() -> update.apply(props("brokerRole", "SLAVE")))
                .as("no role owner: refused, not half applied")
                .hasMessageContaining("'brokerRole' cannot change while the broker runs");
        assertThat(c.store.getBrokerRole()).isEqualTo(BrokerRole.SYNC_MASTER);

        List<String> switches = new ArrayList<>();
        update.setRoleSwitch((role, id) -> switches.add(role + "/" + id));
        assertThat(update.apply(props("brokerRole", "SLAVE"))).containsExactly("brokerRole", "brokerId");
        assertThat(switches).containsExactly("SLAVE/1");
        assertThat(c.broker.getBrokerId()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("broker-a.properties"))).contains("brokerRole=SLAVE", "brokerId=1");

        assertThat(update.apply(props("brokerId", "3"))).containsExactly("brokerId");
        assertThat(switches).containsExactly("SLAVE/1", "SLAVE/3");
        assertThat(update.apply(props("brokerRole", "ASYNC_MASTER"))).containsExactly("brokerRole", "brokerId");
        assertThat(switches).containsExactly("SLAVE/1", "SLAVE/3", "ASYNC_MASTER/0");
        assertThat(Files.readString(dir.resolve("broker-a.properties"))).contains("brokerRole=ASYNC_MASTER",
                "brokerId=0");

        assertThatThrownBy(() -> update.apply(props("brokerId", "2")))
                .hasMessageContaining("a master registers as brokerId 0");
        update.setRoleSwitch((role, id) -> {
            throw new IllegalStateException("the store cannot take writes");
        });
        assertThatThrownBy(() -> update.apply(props("brokerRole", "SLAVE", "fileReservedTime", "12")))
                .hasMessageContaining("cannot switch to SLAVE (brokerId 1): the store cannot take writes");
        assertThat(c.store.getBrokerRole()).isEqualTo(BrokerRole.ASYNC_MASTER);
        assertThat(c.store.retention().getFileReservedTime()).as("nothing of a failed switch is applied").isEqualTo(72);
        assertThat(switches).hasSize(3);
    }
}
