package io.tidemq.broker.startup;

import io.tidemq.broker.BrokerStartup;
import io.tidemq.common.config.ConfigException;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.FlushDiskType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerConfigurationTest {
    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path f = dir.resolve("broker.properties");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void seedFileKeysBindAndTrailingOverridesWin() throws Exception {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyFile(file("brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerId=0\ndeleteWhen=04\n"
                + "fileReservedTime=48\nbrokerRole=SYNC_MASTER\nflushDiskType=SYNC_FLUSH\n"
                + "autoCreateTopicEnable=false\n"));
        c.applyOverride("autoCreateTopicEnable=true");
        c.finish();
        assertThat(c.broker.getBrokerName()).isEqualTo("broker-a");
        assertThat(c.broker.getBrokerClusterName()).isEqualTo("DefaultCluster");
        assertThat(c.broker.isAutoCreateTopicEnable()).isTrue();
        assertThat(c.store.getBrokerRole()).isEqualTo(BrokerRole.SYNC_MASTER);
        assertThat(c.store.getFlushDiskType()).isEqualTo(FlushDiskType.SYNC_FLUSH);
        assertThat(c.store.getFileReservedTime()).isEqualTo(48);
        assertThat(c.store.getDeleteWhen()).isEqualTo("04");
        assertThat(c.server.getListenPort()).isEqualTo(10911);
        assertThat(c.store.getHaListenPort()).isEqualTo(10912);
    }

    @Test
    void olderSpellingOfCommitLogFileSizeIsAccepted() {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyOverride("mapedFileSizeCommitLog=1048576");
        assertThat(c.store.getMappedFileSizeCommitLog()).isEqualTo(1048576);
    }

    @Test
    void unknownKeyIsAnErrorNamingTheKey() {
        BrokerConfiguration c = new BrokerConfiguration();
        assertThatThrownBy(() -> c.applyOverride("autoCreateTopicEnabel=true"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("autoCreateTopicEnabel");
    }

    @Test
    void badValueIsAnErrorNamingKeyAndValue() {
        BrokerConfiguration c = new BrokerConfiguration();
        assertThatThrownBy(() -> c.applyOverride("brokerRole=MASTER"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("brokerRole").hasMessageContaining("MASTER");
        assertThatThrownBy(() -> c.applyOverride("listenPort=abc"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("listenPort");
    }

    @Test
    void slaveNeedsPositiveBrokerIdAndMasterIsForcedToZero() {
        BrokerConfiguration slave = new BrokerConfiguration();
        slave.applyOverride("brokerRole=SLAVE");
        slave.applyOverride("brokerId=0");
        assertThatThrownBy(slave::finish).hasMessageContaining("Slave's brokerId must be > 0");
        BrokerConfiguration master = new BrokerConfiguration();
        master.applyOverride("brokerId=3");
        master.finish();
        assertThat(master.broker.getBrokerId()).isZero();
    }

    @Test
    void badNamesrvAddressIsRejected() {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyOverride("namesrvAddr=localhost");
        assertThatThrownBy(c::finish).hasMessageContaining("Name Server Address[localhost] illegal");
    }

    @Test
    void printConfigExitsWithEffectiveValues() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BrokerStartup.Outcome o = BrokerStartup.launch(new String[] {"-c", file("brokerName=broker-b\n").toString(),
            "-n", "127.0.0.1:9876", "-p", "listenPort=10999"}, new PrintStream(out, true), new PrintStream(err, true));
        assertThat(o.exitCode()).isZero();
        assertThat(o.running()).isFalse();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("brokerName=broker-b").contains("namesrvAddr=127.0.0.1:9876")
                .contains("listenPort=10999").contains("flushDiskType=ASYNC_FLUSH");
    }

    @Test
    void printImportantConfigPrintsOnlyTheImportantPart() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BrokerStartup.Outcome o = BrokerStartup.launch(new String[] {"-m"}, new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true));
        assertThat(o.exitCode()).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("brokerName=").contains("brokerRole=").doesNotContain("pullMessageThreadPoolNums");
    }

    @Test
    void badKeyOnCommandLineStopsStartupWithExitCodeOne() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BrokerStartup.Outcome o = BrokerStartup.launch(new String[] {"-c", file("brokerNmae=x\n").toString()},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("brokerNmae");
    }
}
