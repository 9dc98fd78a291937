package io.tidemq.namesrv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code mqnamesrv} command line: -p, -c, -h, overrides and errors. No server is started here. */
class NamesrvStartupTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private NamesrvStartup.Outcome launch(String... args) {
        return NamesrvStartup.launch(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printConfigShowsEveryKeyWithDefaultsAndExitsZero() {
        NamesrvStartup.Outcome outcome = launch("-p");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.running()).isFalse();
        assertThat(out()).contains("listenPort=9876\n", "orderMessageEnable=false\n", "clusterTest=false\n",
                "productEnvName=center\n", "serverWorkerThreads=8\n", "serverChannelMaxIdleTimeSeconds=120\n",
                "kvConfigPath=" + Path.of(System.getProperty("user.home"), "namesrv", "kvConfig.json") + "\n");
        assertThat(out().lines()).allMatch(line -> line.matches("[A-Za-z0-9]+=.*"));
    }

    @Test
    void configFileAndOverridesAreApplied() throws Exception {
        Path file = dir.resolve("namesrv.properties");
        Files.writeString(file, "listenPort=9877\norderMessageEnable = true\n# comment\nkvConfigPath=/data/kv.json\n");

        NamesrvStartup.Outcome outcome = launch("-c", file.toString(), "-n", "192.168.1.219:9876", "-p",
                "productEnvName=test");

        assertThat(outcome.exitCode()).isZero();
        assertThat(out()).startsWith("load config properties file OK, " + file + "\n");
        assertThat(out()).contains("listenPort=9877\n", "orderMessageEnable=true\n", "kvConfigPath=/data/kv.json\n",
                "productEnvName=test\n", "configStorePath=" + file + "\n");
    }

    @Test
    void unknownKeyInConfigFileIsNamedAndFails() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "listenPort=9877\nlistenPrt=9878\n");

        NamesrvStartup.Outcome outcome = launch("-c", file.toString());

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.running()).isFalse();
        assertThat(err()).contains("listenPrt").contains(file.toString());
    }

    @Test
    void aTypoGetsTheNearestKeyAndAllProblemsComeAtOnce() throws Exception {
        Path file = dir.resolve("typos.properties");
        Files.writeString(file, "orderMessageEnabled=true\nlistenPort=x\n");

        assertThat(launch("-c", file.toString(), "-p").exitCode()).isEqualTo(1);
        assertThat(err()).contains("2 configuration problems",
                "unknown config key 'orderMessageEnabled' (did you mean orderMessageEnable?)",
                "bad value 'x' for config key 'listenPort'");
    }

    @Test
    void tlsSettingsThatCannotBeUsedStopStartUp() {
        System.setProperty("tls.server.mode", "strict");
        try {
            assertThat(launch("-p").exitCode()).isEqualTo(1);
            assertThat(err()).contains("tls.server.mode=strict is not one of disabled, permissive, enforcing");
            System.setProperty("tls.server.mode", "enforcing");
            System.setProperty("tls.test.mode.enable", "false");
            assertThat(launch("-p").exitCode()).isEqualTo(1);
            assertThat(err()).contains("tls.server.certPath is not set");
        } finally {
            System.clearProperty("tls.server.mode");
            System.clearProperty("tls.test.mode.enable");
        }
    }

    @Test
    void badValueIsNamedAndFails() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "orderMessageEnable=yes please\n");

        NamesrvStartup.Outcome outcome = launch("-c", file.toString());

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(err()).contains("orderMessageEnable").contains("yes please");
    }

    @Test
    void missingConfigFileAndUnknownOptionFail() {
        assertThat(launch("-c", dir.resolve("absent.properties").toString()).exitCode()).isNotZero();
        assertThat(err()).contains("absent.properties");
        assertThat(launch("--bogus").exitCode()).isNotZero();
        assertThat(err()).contains("--bogus");
        assertThat(launch("justAWord").exitCode()).isNotZero();
        assertThat(err()).contains("justAWord");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(launch("-h").exitCode()).isZero();
        assertThat(out()).contains("-c", "--configFile", "-p", "--printConfigItem", "-n", "-h");
    }

    /** The real entry point in its own JVM, to see the process exit codes a shell script sees. */
    @Test
    void mainExitsWithZeroAfterPrintAndNonZeroOnABadKey() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "noSuchKey=1\n");

        ProcessResult print = runMain("-p");
        assertThat(print.exitCode).isZero();
        assertThat(print.stdout).contains("listenPort=9876");

        ProcessResult bad = runMain("-c", file.toString());
        assertThat(bad.exitCode).isNotZero();
        assertThat(bad.stderr).contains("noSuchKey");
    }

    private record ProcessResult(int exitCode, String stdout, String stderr) {
    }

    private ProcessResult runMain(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + dir, "-cp",
                System.getProperty("java.class.path"), NamesrvStartup.class.getName()));
        cmd.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new ProcessResult(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            p.destroyForcibly();
        }
    }
}
