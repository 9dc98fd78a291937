package io.tidemq.it.broker;

import io.tidemq.it.support.ChildProcess;
import io.tidemq.it.support.Distribution;
import io.tidemq.it.support.Ports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged start scripts: an operator's JAVA_OPT_EXT / JAVA_OPT replace the small default collector and heap
 * (they used to clash: "Multiple garbage collectors selected"), and a Java older than 17 is refused with a message
 * saying what is needed.
 */
class DistributionJvmOptionsIT {
    @TempDir
    Path work;
    Path bin;

    @BeforeEach
    void distribution() {
        bin = Distribution.packaged().resolve("bin");
    }

    private Path brokerFile() throws Exception {
        int port = Ports.freeBrokerPort("127.0.0.1");
        Path conf = work.resolve("broker.properties");
        Files.writeString(conf, "brokerName=broker-g1\nbrokerIP1=127.0.0.1\nbrokerIP2=127.0.0.1\n"
                + "bindAddress=127.0.0.1\nlistenPort=" + port + "\nstorePathRootDir=" + work.resolve("store") + "\n"
                + "mappedFileSizeCommitLog=1048576\n");
        return conf;
    }

    @Test
    void javaOptExtReplacesTheDefaultCollectorAndHeap() throws Exception {
        Path conf = brokerFile();
        try (ChildProcess broker = ChildProcess.start("mqbroker-g1", List.of("sh", bin.resolve("mqbroker").toString(),
                "-c", conf.toString()), work, Map.of("JAVA_OPT_EXT", "-XX:+UseG1GC -Xmx1g -Duser.home=" + work,
                "JAVA_HOME", System.getProperty("java.home")), work.resolve("broker.out"))) {
            broker.awaitOutput("boot success", Duration.ofSeconds(60));
            List<String> cmdline = List.of(Files.readString(Path.of("/proc", Long.toString(broker.pid()),
                    "cmdline"), StandardCharsets.UTF_8).split("\0"));
            assertThat(cmdline).contains("-XX:+UseG1GC", "-Xmx1g", "io.tidemq.broker.BrokerStartup")
                    .doesNotContain("-XX:+UseSerialGC", "-Xmx256m", "-Xms256m")
                    .contains("-XX:MaxDirectMemorySize=256m");
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(broker.pid()), "GC.heap_info").redirectErrorStream(true).start();
            String heap = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            assertThat(heap).contains("garbage-first heap");
        }
    }

    @Test
    void javaOptAlsoReplacesDefaultsAndTheLastHeapSizeWins() throws Exception {
        Path conf = brokerFile();
        try (ChildProcess broker = ChildProcess.start("mqbroker-opt", List.of("sh", bin.resolve("mqbroker").toString(),
                "-c", conf.toString()), work, Map.of("JAVA_OPT", "-XX:+UseParallelGC -Xms128m -Xmx384m",
                "JAVA_OPT_EXT", "-Xmx512m -Duser.home=" + work, "JAVA_HOME", System.getProperty("java.home")),
                work.resolve("broker.out"))) {
            broker.awaitOutput("boot success", Duration.ofSeconds(60));
            String cmdline = Files.readString(Path.of("/proc", Long.toString(broker.pid()), "cmdline"));
            assertThat(cmdline).contains("-XX:+UseParallelGC").doesNotContain("UseSerialGC")
                    .doesNotContain("-Xmx256m").doesNotContain("-Xms256m").containsSubsequence("-Xmx384m", "-Xmx512m");
        }
    }

    @Test
    void aJavaOlderThan17IsRefusedWithWhatIsNeeded() throws Exception {
        Path jdk = work.resolve("old-jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'this fake java must not be started' >&2\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ChildProcess p = ChildProcess.start("mqbroker-java11", List.of("sh", bin.resolve("mqbroker").toString(), "-p"),
                work, Map.of("JAVA_HOME", jdk.toString()), work.resolve("java11.out"));
        assertThat(p.waitFor(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(p.output()).contains("is Java 11; TideMQ needs Java 17 or newer")
                .doesNotContain("must not be started");
    }
}
