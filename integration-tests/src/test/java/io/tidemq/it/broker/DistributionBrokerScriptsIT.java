package io.tidemq.it.broker;

import io.tidemq.it.support.ChildProcess;
import io.tidemq.it.support.Distribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mode 1 of the user's guide, typed exactly as written there (its NameServer address included), against the
 * packaged distribution, inside fresh PID and network namespaces.
 */
class DistributionBrokerScriptsIT {
    @TempDir
    Path work;

    @Test
    void guideCommandsBootRegisterServeAndShutDownCleanly() throws Exception {
        Path dist = Distribution.packaged();
        Path toolsHome = work.resolve("tools-home");
        Files.createDirectories(toolsHome.resolve("conf"));
        Files.writeString(toolsHome.resolve("conf/logback_tools.xml"),
                "<configuration><root level=\"WARN\"/></configuration>");
        Path script = work.resolve("seed-guide-broker.sh");
        try (var in = getClass().getResourceAsStream("/broker/seed-guide-broker.sh")) {
            Files.copy(in, script);
        }
        ChildProcess p = ChildProcess.start("seed-guide-broker", List.of("unshare", "--pid", "--fork",
                        "--mount-proc", "--net", "--kill-child", "sh", script.toString()), work,
                Map.of("DIST", dist.toString(), "WORK", work.toString(),
                        "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "TEST_CP", System.getProperty("java.class.path"), "TOOLS_HOME", toolsHome.toString()),
                work.resolve("seed-guide-broker.out"));
        try {
            assertThat(p.waitFor(Duration.ofSeconds(240))).as(p.output()).isZero();
        } finally {
            p.kill();
        }
        assertThat(work.resolve("boot.failed")).doesNotExist();
        assertThat(Files.readString(work.resolve("broker.nohup")))
                .contains("The broker[broker-a, ", "boot success. serializeType=JSON and name server is "
                        + "192.168.1.219:9876");
        String log = Files.readString(work.resolve("logs/rocketmqlogs/broker.log"));
        assertThat(log).contains("autoCreateTopicEnable=true", "brokerName=broker-a", "fileReservedTime=48");
        assertThat(Files.readString(work.resolve("clusterList.out"))).contains("DefaultCluster", "broker-a");
        assertThat(Files.readString(work.resolve("sendMessage.exit")).trim()).isEqualTo("0");
        assertThat(Files.readString(work.resolve("sendMessage.out"))).contains("SEND_OK");
        assertThat(Files.readString(work.resolve("topicStatus.out"))).contains("broker-a");
        assertThat(Files.readString(work.resolve("shutdown-broker.out"))).contains("mqbroker stopped.");
        assertThat(Files.readString(work.resolve("broker.exit")).trim()).isEqualTo("143");
        assertThat(Files.readString(work.resolve("logs/rocketmqlogs/broker.log")))
                .contains("the broker shut down cleanly");
        // a clean shutdown leaves no abort marker: the next start is a normal recovery
        assertThat(Files.readString(work.resolve("store.ls"))).contains("commitlog", "config")
                .doesNotContain("abort");
    }
}
