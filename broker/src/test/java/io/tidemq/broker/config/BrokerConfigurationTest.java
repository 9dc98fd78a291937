package io.tidemq.broker.config;

import io.tidemq.broker.BrokerStartup;
import io.tidemq.config.ConfigException;
import io.tidemq.remoting.netty.TlsConfig;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.FlushDiskType;
import org.junit.jupiter.api.AfterEach;
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

    @AfterEach
    void clearTlsProperties() {
        System.clearProperty("tls.server.mode");
        System.clearProperty("tls.enable");
        System.clearProperty("tls.test.mode.enable");
    }

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
        assertThat(c.store.flush().getFlushDiskType()).isEqualTo(FlushDiskType.SYNC_FLUSH);
        assertThat(c.store.retention().getFileReservedTime()).isEqualTo(48);
        assertThat(c.store.retention().getDeleteWhen()).isEqualTo("04");
        assertThat(c.server.getListenPort()).isEqualTo(10911);
        assertThat(c.store.replication().getHaListenPort()).isEqualTo(10912);
        assertThat(c.persistenceFile()).isEqualTo(dir.resolve("broker.properties"));
    }

    @Test
    void olderSpellingOfCommitLogFileSizeIsAcceptedWithoutEffectAsInApache() throws Exception {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyFile(file("mapedFileSizeCommitLog=1048576\ntransferMsgByHeap=false\nbrokerName=b\n"
                + "useReentrantLockWhenPutMessage=true\n"));
        c.finish();
        assertThat(c.store.getMappedFileSizeCommitLog()).isEqualTo(1024 * 1024 * 1024);
        assertThat(c.noEffectKeysGiven()).containsExactlyInAnyOrder("mapedFileSizeCommitLog", "transferMsgByHeap",
                "useReentrantLockWhenPutMessage");
    }

    @Test
    void templateKeysOfWidelyCopiedFilesAreHonoured() throws Exception {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyFile(file("storePathRootDir=/data/rmq/store\nstorePathCommitLog=/data/rmq/store/commitlog\n"
                + "storePathConsumeQueue=/ssd/cq\nstorePathIndex=/ssd/index\nstoreCheckpoint=/ssd/checkpoint\n"
                + "abortFile=/ssd/abort\n"));
        c.finish();
        assertThat(c.store.consumeQueueDir()).isEqualTo("/ssd/cq");
        assertThat(c.store.indexDir()).isEqualTo("/ssd/index");
        assertThat(c.store.checkpointFile()).isEqualTo("/ssd/checkpoint");
        assertThat(c.store.abortFile()).isEqualTo("/ssd/abort");
        assertThat(c.noEffectKeysGiven()).isEmpty();
    }

    @Test
    void unknownKeyIsAnErrorNamingTheKeyAndTheNearestOne() {
        BrokerConfiguration c = new BrokerConfiguration();
        assertThatThrownBy(() -> c.applyOverride("autoCreateTopicEnabel=true"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown config key 'autoCreateTopicEnabel' (did you mean autoCreateTopicEnable?)");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws Exception {
        BrokerConfiguration c = new BrokerConfiguration();
        Path f = file("brokerClustername=C\nlistenPort=abc\nbrokerName=ok\n");
        assertThatThrownBy(() -> c.applyFile(f))
                .hasMessageContaining("2 configuration problems")
                .hasMessageContaining("did you mean brokerClusterName?")
                .hasMessageContaining("bad value 'abc' for config key 'listenPort'");
    }

    @Test
    void theRequestBudgetDefaultsToAQuarterOfTheHeapAndANegativeOneIsRefused() {
        BrokerConfiguration c = new BrokerConfiguration();
        c.finish();
        assertThat(c.server.requestBytesInFlightLimit()).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
        BrokerConfiguration bad = new BrokerConfiguration();
        bad.applyOverride("serverRequestBytesInFlightLimit=-1");
        assertThatThrownBy(bad::finish).isInstanceOf(ConfigException.class)
                .hasMessageContaining("serverRequestBytesInFlightLimit must be >= 0");
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
    void safetyAndSecuritySettingsThatCannotBeHonouredStopStartUp() {
        assertThatThrownBy(() -> new BrokerConfiguration().applyOverride("enableDLegerCommitLog=true"))
                .hasMessageContaining("DLedger is not supported").hasMessageContaining("automatic failover");
        assertThatThrownBy(() -> new BrokerConfiguration().applyOverride("enableLmq=true"))
                .hasMessageContaining("light message queues are not supported");
        assertThatThrownBy(() -> new BrokerConfiguration().applyOverride("messageStorePlugIn=com.acme.Plugin"))
                .hasMessageContaining("plug-ins are not supported");
        assertThatThrownBy(() -> new BrokerConfiguration().applyOverride("readOnlyCommitLogStorePaths=/old"))
                .hasMessageContaining("read-only CommitLog folders are not supported");
        BrokerConfiguration multiPath = new BrokerConfiguration();
        multiPath.applyOverride("storePathCommitLog=/a/commitlog,/b/commitlog");
        assertThatThrownBy(multiPath::finish).hasMessageContaining("multi-path CommitLog is not supported");
        BrokerConfiguration defaults = new BrokerConfiguration();
        defaults.applyOverride("aclEnable=false");
        defaults.applyOverride("enableDLegerCommitLog=false");
        defaults.finish();
    }

    @Test
    void tlsSystemPropertiesReachBothSidesAndBadOnesStopStartUp() {
        System.setProperty("tls.server.mode", "strict");
        assertThatThrownBy(() -> new BrokerConfiguration().finish())
                .hasMessageContaining("tls.server.mode=strict is not one of disabled, permissive, enforcing");
        System.setProperty("tls.server.mode", "enforcing");
        System.setProperty("tls.test.mode.enable", "false");
        assertThatThrownBy(() -> new BrokerConfiguration().finish())
                .hasMessageContaining("tls.server.certPath is not set");
        System.clearProperty("tls.test.mode.enable");
        System.setProperty("tls.enable", "true");
        try {
            BrokerConfiguration c = new BrokerConfiguration();
            c.finish();
            assertThat(c.server.getTls().mode()).isEqualTo(TlsConfig.Mode.ENFORCING);
            assertThat(c.client.isUseTLS()).as("tls.enable is useTLS's default").isTrue();
            BrokerConfiguration off = new BrokerConfiguration();
            off.applyOverride("useTLS=false");
            off.finish();
            assertThat(off.client.isUseTLS()).isFalse();
        } finally {
            System.clearProperty("tls.enable");
            System.clearProperty("tls.server.mode");
        }
        BrokerConfiguration plain = new BrokerConfiguration();
        plain.finish();
        assertThat(plain.server.getTls().mode()).as("Apache's default").isEqualTo(TlsConfig.Mode.PERMISSIVE);
        assertThat(plain.client.isUseTLS()).isFalse();
    }

    @Test
    void sharedTransportKeysReachTheBrokersOutgoingConnections() {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyOverride("frameMaxLength=1048576");
        c.applyOverride("writeBufferHighWaterMark=2097152");
        c.applyOverride("writeBufferLowWaterMark=524288");
        c.finish();
        assertThat(c.client.getFrameMaxLength()).isEqualTo(1048576);
        assertThat(c.client.getWriteBufferHighWaterMark()).isEqualTo(2097152);
        assertThat(c.client.getWriteBufferLowWaterMark()).isEqualTo(524288);
    }

    @Test
    void offsetCheckInSlaveReachesTheStore() {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyOverride("offsetCheckInSlave=true");
        assertThat(c.store.replication().isOffsetCheckInSlave()).isTrue();
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
    void printConfigRefusesABadFileToo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BrokerStartup.Outcome o = BrokerStartup.launch(new String[] {"-c", file("brokerNmae=x\n").toString(), "-p"},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("did you mean brokerName?");
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
    void aclEnableWithoutAnAclFileStopsStartUpNamingTheFile() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path home = Files.createDirectories(dir.resolve("home-without-acl"));
        BrokerStartup.Outcome o = BrokerStartup.launch(new String[] {"-c",
            file("brokerName=broker-a\naclEnable=true\nrocketmqHome=" + home + "\nstorePathRootDir="
                    + dir.resolve("store") + "\nlistenPort=" + freePort() + "\n").toString()},
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
        assertThat(o.exitCode()).isEqualTo(2); // a start-up failure, as for a store that cannot be opened
        assertThat(o.running()).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("aclEnable=true but there is no ACL file")
                .contains(home.resolve("conf/plain_acl.yml").toString());
        assertThat(dir.resolve("store/commitlog")).doesNotExist(); // refused before the store was opened
    }

    @Test
    void innerCredentialsMustBeCompleteAndAreNeverPrinted() {
        BrokerConfiguration c = new BrokerConfiguration();
        c.applyOverride("innerClientAuthenticationCredentials={\"accessKey\":\"brokerAK\",\"secretKey\":\"s3cr3t!!\"}");
        c.finish();
        assertThat(c.binder.toText(false)).contains("innerClientAuthenticationCredentials=******")
                .doesNotContain("s3cr3t!!");
        BrokerConfiguration half = new BrokerConfiguration();
        half.applyOverride("innerClientAuthenticationCredentials={\"accessKey\":\"brokerAK\"}");
        assertThatThrownBy(half::finish).hasMessageContaining("needs both accessKey and secretKey");
        BrokerConfiguration garbled = new BrokerConfiguration();
        garbled.applyOverride("innerClientAuthenticationCredentials=accessKey=brokerAK,secretKey=s3cr3t!!");
        assertThatThrownBy(garbled::finish).hasMessageContaining("is not JSON").satisfies(e ->
                assertThat(e.getMessage()).doesNotContain("s3cr3t!!"));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
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
