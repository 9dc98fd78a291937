package io.tidemq.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigBinderTest {
    enum Mode { FAST, SAFE }

    static class Server {
        @ConfigKey(doc = "port")
        int listenPort = 8888;
        @ConfigKey(doc = "name", important = true)
        String brokerClusterName = "DefaultCluster";
        @ConfigKey(doc = "mode", live = true)
        volatile Mode mode = Mode.FAST;
        @ConfigKey(doc = "old", noEffect = "nothing reads it")
        boolean highSpeedMode = false;
        @ConfigKey(doc = "acl", onlyDefault = "not supported yet")
        boolean aclEnable = false;
        @ConfigKey(doc = "nullable")
        String haMasterAddress = null;
        int notAKey = 1;
    }

    static class Client {
        @ConfigKey(doc = "port again")
        int listenPort = 1;
    }

    static class Other {
        @ConfigKey(doc = "timeout")
        long connectTimeoutMillis = 3000;
    }

    static class WithSection {
        @ConfigKey(doc = "first")
        int before = 1;
        @ConfigSection
        final Other timeouts = new Other();
        @ConfigKey(doc = "last")
        int after = 2;
    }

    static class NullSection {
        @ConfigSection
        final Other timeouts = null;
    }

    @Test
    void aSectionsKeysAreTheOwnersInDeclarationOrder() {
        WithSection w = new WithSection();
        ConfigBinder b = new ConfigBinder(w);
        assertThat(b.keys()).extracting(ConfigBinder.KeyInfo::name)
                .containsExactly("before", "connectTimeoutMillis", "after");
        assertThat(b.info("connectTimeoutMillis").owner()).isEqualTo(Other.class);
        b.set("connectTimeoutMillis", "500");
        assertThat(w.timeouts.connectTimeoutMillis).isEqualTo(500);
        WithSection copy = new WithSection();
        b.copyInto(new ConfigBinder(copy));
        assertThat(copy.timeouts.connectTimeoutMillis).isEqualTo(500);
        assertThatThrownBy(() -> new ConfigBinder(new WithSection(), new Other()))
                .hasMessageContaining("connectTimeoutMillis");
        assertThatThrownBy(() -> new ConfigBinder(new NullSection())).hasMessageContaining("is null");
    }

    @Test
    void bindsOnlyAnnotatedFieldsWithTheirTypes() {
        Server s = new Server();
        ConfigBinder b = new ConfigBinder(s);
        b.set(" listenPort ", " 10911 ");
        b.set("mode", "safe");
        assertThat(s.listenPort).isEqualTo(10911);
        assertThat(s.mode).isEqualTo(Mode.SAFE);
        assertThat(b.knows("notAKey")).isFalse();
        assertThatThrownBy(() -> b.set("notAKey", "2")).isInstanceOf(ConfigException.class);
        assertThat(s.notAKey).isEqualTo(1);
    }

    @Test
    void aKeyDeclaredTwiceIsAProgrammingErrorNamingBothHomes() {
        assertThatThrownBy(() -> new ConfigBinder(new Server(), new Client()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listenPort").hasMessageContaining("Server").hasMessageContaining("Client");
    }

    @Test
    void unknownKeySuggestsTheNearestKnownOne() {
        ConfigBinder b = new ConfigBinder(new Server(), new Other());
        assertThatThrownBy(() -> b.set("brokerClustername", "x"))
                .hasMessage("unknown config key 'brokerClustername' (did you mean brokerClusterName?)");
        assertThatThrownBy(() -> b.set("conectTimeoutMillis", "1"))
                .hasMessageContaining("did you mean connectTimeoutMillis?");
        assertThatThrownBy(() -> b.set("somethingElseEntirely", "1"))
                .hasMessage("unknown config key 'somethingElseEntirely'");
    }

    @Test
    void applyReportsEveryProblemAtOnceAndAppliesTheRest() {
        Server s = new Server();
        ConfigBinder b = new ConfigBinder(s);
        Properties p = new Properties();
        p.setProperty("listenPort", "abc");
        p.setProperty("lisenPort", "1");
        p.setProperty("aclEnable", "true");
        p.setProperty("brokerClusterName", "C1");
        assertThatThrownBy(() -> b.apply(p))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("3 configuration problems")
                .hasMessageContaining("bad value 'abc' for config key 'listenPort' (expected int)")
                .hasMessageContaining("unknown config key 'lisenPort' (did you mean listenPort?)")
                .hasMessageContaining("aclEnable=true is refused: not supported yet");
        assertThat(s.brokerClusterName).isEqualTo("C1");
        assertThat(s.aclEnable).isFalse();
    }

    @Test
    void onlyDefaultKeysAcceptTheirDefaultInAnySpelling() {
        Server s = new Server();
        ConfigBinder b = new ConfigBinder(s);
        b.set("aclEnable", "FALSE");
        assertThat(s.aclEnable).isFalse();
        assertThatThrownBy(() -> b.set("aclEnable", "TRUE")).hasMessageContaining("refused");
    }

    @Test
    void noEffectKeysAreListedInTheOrderGiven() {
        ConfigBinder b = new ConfigBinder(new Server());
        assertThat(b.noEffectKeys(List.of("listenPort", "highSpeedMode", "unknown", "highSpeedMode")))
                .containsExactly("highSpeedMode");
        assertThat(b.info("highSpeedMode").hasEffect()).isFalse();
        assertThat(b.info("mode").meta().live()).isTrue();
    }

    @Test
    void copyIntoKeepsNullStringsNull() {
        Server a = new Server();
        a.listenPort = 7;
        Server c = new Server();
        c.haMasterAddress = "x:1";
        new ConfigBinder(a).copyInto(new ConfigBinder(c));
        assertThat(c.listenPort).isEqualTo(7);
        assertThat(c.haMasterAddress).isNull();
    }

    @Test
    void describeAndTextFollowDeclarationOrder() {
        ConfigBinder b = new ConfigBinder(new Server(), new Other());
        assertThat(b.describe(false).keySet()).containsExactly("listenPort", "brokerClusterName", "mode",
                "highSpeedMode", "aclEnable", "haMasterAddress", "connectTimeoutMillis");
        assertThat(b.toText(true)).isEqualTo("brokerClusterName=DefaultCluster\n");
        assertThat(b.get("haMasterAddress")).isEmpty();
    }
}
