package io.tidemq.common.config;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerCommandLineTest {
    private final ServerCommandLine spec = new ServerCommandLine("mqbroker", "Starts a broker.",
            List.of(new ServerCommandLine.Option("-c", "configFile", "FILE", "config file"),
                    new ServerCommandLine.Option("-n", "namesrvAddr", "ADDR", "name servers"),
                    new ServerCommandLine.Option("-p", "printConfigItem", null, "print config")),
            "KEY=VALUE", "overrides");

    @Test
    void everyApacheFormOfAnOptionIsAccepted() throws Exception {
        assertThat(spec.parse(new String[] {"-c", "a.properties"}).configFile()).isEqualTo("a.properties");
        assertThat(spec.parse(new String[] {"-ca.properties"}).configFile()).isEqualTo("a.properties");
        assertThat(spec.parse(new String[] {"--configFile", "b"}).configFile()).isEqualTo("b");
        assertThat(spec.parse(new String[] {"--configFile=c=d"}).configFile()).isEqualTo("c=d");
        assertThat(spec.parse(new String[] {"-n", "127.0.0.1:9876;127.0.0.2:9876"}).namesrvAddr())
                .isEqualTo("127.0.0.1:9876;127.0.0.2:9876");
    }

    @Test
    void flagsOverridesAndTheEndOfOptionsMarker() throws Exception {
        ServerCommandLine.Arguments p = spec.parse(new String[] {"autoCreateTopicEnable=true", "-p", "-n", "x:1",
                "listenPort=10921", "--", "-weird=1"});
        assertThat(p.printConfigItem()).isTrue();
        assertThat(p.namesrvAddr()).isEqualTo("x:1");
        assertThat(p.configFile()).isNull();
        assertThat(p.startsServer()).isFalse();
        assertThat(spec.parse(new String[] {"-n", "x:1"}).startsServer()).isTrue();
        assertThat(p.overrides()).containsExactly("autoCreateTopicEnable=true", "listenPort=10921", "-weird=1");
    }

    @Test
    void unknownOptionsMissingValuesAndValuedFlagsAreRefused() {
        assertThatThrownBy(() -> spec.parse(new String[] {"-x"}))
                .isInstanceOf(ServerCommandLine.BadCommandLine.class).hasMessageContaining("'-x'");
        assertThatThrownBy(() -> spec.parse(new String[] {"--nope=1"}))
                .isInstanceOf(ServerCommandLine.BadCommandLine.class).hasMessageContaining("--nope");
        assertThatThrownBy(() -> spec.parse(new String[] {"-c"}))
                .isInstanceOf(ServerCommandLine.BadCommandLine.class).hasMessageContaining("-c")
                .hasMessageContaining("FILE");
        assertThatThrownBy(() -> spec.parse(new String[] {"--printConfigItem=yes"}))
                .isInstanceOf(ServerCommandLine.BadCommandLine.class).hasMessageContaining("takes no value");
    }

    @Test
    void usageListsEveryOption() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        spec.usage(new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("Usage: mqbroker", "-c, --configFile=FILE",
                "-n, --namesrvAddr=ADDR", "-p, --printConfigItem", "KEY=VALUE", "Starts a broker.");
    }
}
