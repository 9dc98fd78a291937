package io.tidemq.it.failover;

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
 * The packaged distribution's failover quick start, exactly as docs/failover.md gives it (the shipped
 * conf/controller/quick-start files, their fixed ports, in private PID, mount and network namespaces): a NameServer
 * with the controller inside, two brokers that elect one master, a SIGKILL of that master, and the official client
 * consuming every acknowledged message from the new one.
 */
class DistributionControllerQuickStartIT {
    @TempDir
    Path work;

    @Test
    void theQuickStartFailsOverAsDocumented() throws Exception {
        Path dist = Distribution.packaged();
        Path script = work.resolve("controller-quick-start.sh");
        try (var in = getClass().getResourceAsStream("/failover/controller-quick-start.sh")) {
            Files.copy(in, script);
        }
        ChildProcess p = ChildProcess.start("controller-quick-start", List.of("unshare", "--pid", "--fork",
                        "--mount-proc", "--net", "--kill-child", "sh", script.toString()), work,
                Map.of("DIST", dist.toString(), "WORK", work.toString(),
                        "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "TEST_CP", System.getProperty("java.class.path")),
                work.resolve("controller-quick-start.out"));
        try {
            assertThat(p.waitFor(Duration.ofSeconds(240))).as(p.output()).isZero();
        } finally {
            p.kill();
        }
        assertThat(work.resolve("boot.failed")).doesNotExist();
        assertThat(Files.readString(work.resolve("namesrv.nohup"))).contains("The Name Server boot success");
        String check = Files.readString(work.resolve("check.out"));
        assertThat(check).contains("acknowledged 200, consumed 200, all with their bodies");
        assertThat(check).containsPattern("killed 127\\.0\\.0\\.1:309[12]1, new master 127\\.0\\.0\\.1:309[12]1");
        assertThat(Files.readString(work.resolve("check.exit")).trim()).isEqualTo("0");
    }
}
