package io.tidemq.it.namesrv;

import io.tidemq.it.support.ChildProcess;
import io.tidemq.it.support.Distribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged distribution's {@code bin/mqnamesrv} and {@code bin/mqshutdown}, run the way the user's deployment
 * guide runs them. Needs {@code mvn package} of the distribution module first (failsafe runs after it).
 */
class DistributionNamesrvScriptsIT {
    @TempDir
    Path work;
    static Path dist;

    @BeforeAll
    static void findDistribution() {
        dist = Distribution.packaged();
    }

    private ChildProcess sh(String name, Path cwd, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("sh"));
        cmd.addAll(List.of(args));
        return ChildProcess.start(name, cmd, cwd, env, work.resolve(name + ".out"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void layoutHasExecutableScriptsConfAndLib() throws IOException {
        for (String script : List.of("mqnamesrv", "mqshutdown", "runserver.sh")) {
            assertThat(Files.isExecutable(dist.resolve("bin").resolve(script))).as(script).isTrue();
        }
        for (String conf : List.of("broker.conf", "logback_namesrv.xml", "logback_broker.xml", "plain_acl.yml",
                "tools.yml",
                "2m-noslave/broker-a.properties", "2m-noslave/broker-b.properties",
                "2m-noslave/broker-trace.properties",
                "2m-2s-async/broker-a.properties", "2m-2s-async/broker-a-s.properties",
                "2m-2s-async/broker-b.properties", "2m-2s-async/broker-b-s.properties",
                "2m-2s-sync/broker-a.properties", "2m-2s-sync/broker-a-s.properties",
                "2m-2s-sync/broker-b.properties", "2m-2s-sync/broker-b-s.properties")) {
            assertThat(dist.resolve("conf").resolve(conf)).as(conf).isRegularFile();
        }
        assertThat(Files.readString(dist.resolve("conf/2m-2s-sync/broker-b-s.properties")))
                .contains("brokerName=broker-b", "brokerId=1", "brokerRole=SLAVE", "flushDiskType=ASYNC_FLUSH",
                        "deleteWhen=04", "fileReservedTime=48", "brokerClusterName=DefaultCluster");
        assertThat(Files.readString(dist.resolve("conf/2m-2s-sync/broker-a.properties")))
                .contains("brokerRole=SYNC_MASTER", "brokerId=0");
        assertThat(Files.readString(dist.resolve("conf/2m-2s-async/broker-a.properties")))
                .contains("brokerRole=ASYNC_MASTER");
        try (var jars = Files.list(dist.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("tidemq-namesrv-"))
                    .anyMatch(n -> n.startsWith("tidemq-remoting-"))
                    .anyMatch(n -> n.startsWith("netty-"))
                    .anyMatch(n -> n.startsWith("picocli-"))
                    .anyMatch(n -> n.startsWith("jackson-dataformat-yaml-"))
                    .anyMatch(n -> n.startsWith("snakeyaml-2."));
        }
    }

    @Test
    void printConfigWorksFromAnyDirectoryAndThroughASymlink() throws IOException {
        Map<String, String> env = Map.of("JAVA_OPT_EXT", "-Duser.home=" + work);
        ChildProcess direct = sh("print", work, env, dist.resolve("bin/mqnamesrv").toString(), "-p");
        assertThat(direct.waitFor(Duration.ofSeconds(60))).isZero();
        assertThat(direct.output()).contains("listenPort=9876", "kvConfigPath=" + work.resolve("namesrv/kvConfig.json"),
                "rocketmqHome=" + dist);

        Path link = work.resolve("my-mqnamesrv");
        Files.createSymbolicLink(link, dist.resolve("bin/mqnamesrv"));
        ChildProcess viaLink = sh("print-link", work, env, link.toString(), "-p");
        assertThat(viaLink.waitFor(Duration.ofSeconds(60))).isZero();
        assertThat(viaLink.output()).contains("listenPort=9876", "rocketmqHome=" + dist);
    }

    @Test
    void badConfigKeyStopsTheScriptWithItsName() throws IOException {
        Path bad = work.resolve("bad.properties");
        Files.writeString(bad, "listenPort=9999\nkvConfigPth=/tmp/x\n");
        ChildProcess p = sh("bad", dist.resolve("bin"), Map.of("JAVA_OPT_EXT", "-Duser.home=" + work),
                "mqnamesrv", "-c", bad.toString());
        assertThat(p.waitFor(Duration.ofSeconds(60))).isNotZero();
        assertThat(p.output()).contains("kvConfigPth");
    }

    @Test
    void mqshutdownWithNothingRunningSaysSo() {
        // inside a fresh PID namespace no NameServer can be running, whatever else runs on this machine
        ChildProcess p = ChildProcess.start("shutdown-none", List.of("unshare", "--pid", "--fork", "--mount-proc",
                "--kill-child", "sh", dist.resolve("bin/mqshutdown").toString(), "namesrv"), work, Map.of(),
                work.resolve("shutdown-none.out"));
        assertThat(p.waitFor(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(p.output()).contains("No mqnamesrv running.");
    }

    /** The guide's exact command on the default port, in its own PID and network namespaces. */
    @Test
    void guideCommandBootsLogsServesAndShutsDownGracefully() throws Exception {
        Path toolsHome = work.resolve("tools-home");
        Files.createDirectories(toolsHome.resolve("conf"));
        Files.writeString(toolsHome.resolve("conf/logback_tools.xml"),
                "<configuration><root level=\"WARN\"/></configuration>");
        Path script = work.resolve("seed-guide-namesrv.sh");
        try (var in = getClass().getResourceAsStream("/namesrv/seed-guide-namesrv.sh")) {
            Files.copy(in, script);
        }
        ChildProcess p = ChildProcess.start("seed-guide", List.of("unshare", "--pid", "--fork", "--mount-proc",
                        "--net", "--kill-child", "sh", script.toString()), work,
                Map.of("DIST", dist.toString(), "WORK", work.toString(), "JAVA", java(),
                        "TEST_CP", System.getProperty("java.class.path"), "TOOLS_HOME", toolsHome.toString()),
                work.resolve("seed-guide.out"));
        try {
            assertThat(p.waitFor(Duration.ofSeconds(180))).as(p.output()).isZero();
        } finally {
            p.kill();
        }

        assertThat(work.resolve("boot.failed")).doesNotExist();
        assertThat(Files.readString(work.resolve("nohup.out")))
                .contains("The Name Server boot success. serializeType=JSON");
        String log = Files.readString(work.resolve("logs/rocketmqlogs/namesrv.log"));
        assertThat(log).contains("The Name Server boot success. serializeType=JSON", "listenPort=9876",
                "-n 192.168.1.219:9876 ignored");

        assertThat(Files.readString(work.resolve("mqadmin.exit")).trim()).isEqualTo("0");
        assertThat(Files.readString(work.resolve("mqadmin.out"))).containsPattern("listenPort\\s+=\\s+9876");

        String shutdown = Files.readString(work.resolve("shutdown.out"));
        assertThat(shutdown).contains("The mqnamesrv(", "Send shutdown request to mqnamesrv(", "mqnamesrv stopped.");
        assertThat(Files.readString(work.resolve("shutdown.exit")).trim()).isEqualTo("0");
        assertThat(Files.readString(work.resolve("namesrv.exit")).trim()).isEqualTo("143"); // 128 + SIGTERM
        assertThat(Files.readString(work.resolve("logs/rocketmqlogs/namesrv.log")))
                .contains("shutdown requested", "NameServer stopped");

        assertThat(Files.readString(work.resolve("shutdown-again.out"))).contains("No mqnamesrv running.");
        assertThat(Files.readString(work.resolve("shutdown-again.exit")).trim()).isEqualTo("1");
    }
}
