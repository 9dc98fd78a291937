package io.tidemq.standalone;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.config.BrokerConfiguration;
import io.tidemq.config.ConfigBinder;
import io.tidemq.config.ConfigKey;
import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.store.FlushConfig;
import io.tidemq.store.IndexConfig;
import io.tidemq.store.MessageStoreConfig;
import io.tidemq.store.ReplicationConfig;
import io.tidemq.store.RetentionConfig;
import io.tidemq.store.TransferConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key that Apache RocketMQ 4.9.3 binds from a {@code -c} file is a key here, with one home, and what we call an
 * Apache key really is one. Apache's keys are read from its own classes (test scope), the way its
 * {@code MixAll.properties2Object} finds them: public setters taking a string, a number or a boolean.
 */
class ConfigurationKeysTest {
    private static final Set<Class<?>> BINDABLE = Set.of(String.class, int.class, Integer.class, long.class,
            Long.class, boolean.class, Boolean.class, double.class, Double.class, float.class, Float.class);
    private static final List<Class<?>> APACHE_BROKER = List.of(org.apache.rocketmq.common.BrokerConfig.class,
            org.apache.rocketmq.remoting.netty.NettyServerConfig.class,
            org.apache.rocketmq.remoting.netty.NettyClientConfig.class,
            org.apache.rocketmq.store.config.MessageStoreConfig.class);
    private static final List<Class<?>> APACHE_NAMESRV = List.of(
            org.apache.rocketmq.common.namesrv.NamesrvConfig.class,
            org.apache.rocketmq.remoting.netty.NettyServerConfig.class);

    static Set<String> apacheKeys(List<Class<?>> classes) {
        Set<String> keys = new TreeSet<>();
        for (Class<?> c : classes) {
            for (Method m : c.getMethods()) {
                if (m.getName().startsWith("set") && m.getName().length() > 3 && m.getParameterCount() == 1
                        && BINDABLE.contains(m.getParameterTypes()[0])) {
                    keys.add(m.getName().substring(3, 4).toLowerCase() + m.getName().substring(4));
                }
            }
        }
        return keys;
    }

    @Test
    void everyApacheBrokerKeyIsKnownAndEveryApacheOriginKeyIsApaches() {
        Set<String> apache = apacheKeys(APACHE_BROKER);
        assertThat(apache).hasSize(183);
        // BrokerStartup also reads these two from the file itself (into system properties), not through a setter
        apache.addAll(Set.of("rmqAddressServerDomain", "rmqAddressServerSubGroup"));
        ConfigBinder ours = new BrokerConfiguration().binder;
        assertThat(apache).allMatch(ours::knows, "known to the broker");
        assertOriginsHonest(ours, apache);
    }

    @Test
    void everyApacheNamesrvKeyIsKnownAndEveryApacheOriginKeyIsApaches() {
        Set<String> apache = apacheKeys(APACHE_NAMESRV);
        assertThat(apache).hasSize(20);
        ConfigBinder ours = new ConfigBinder(new NamesrvConfig(), new NettyServerConfig());
        assertThat(apache).allMatch(ours::knows, "known to the NameServer");
        assertOriginsHonest(ours, apache);
    }

    private static void assertOriginsHonest(ConfigBinder ours, Set<String> apache) {
        for (ConfigBinder.KeyInfo k : ours.keys()) {
            boolean isApache = apache.contains(k.name());
            assertThat(k.meta().origin() == ConfigKey.Origin.APACHE)
                    .as("%s is declared %s but Apache 4.9.3 %s it", k.name(), k.meta().origin(),
                            isApache ? "binds" : "does not bind")
                    .isEqualTo(isApache);
            assertThat(k.meta().noEffect().isEmpty() || k.meta().onlyDefault().isEmpty())
                    .as("%s is both no-effect and only-default", k.name()).isTrue();
            assertThat(k.meta().doc()).as("doc of %s", k.name()).isNotBlank();
        }
    }

    /**
     * One home per key: across all config classes of both servers, a key name is declared by exactly one field, and
     * Apache's keys that it applies to two of its objects (the write-buffer marks) are declared once here.
     */
    @Test
    void everyKeyHasOneHomeAcrossAllConfigClasses() {
        Map<String, List<String>> homes = new HashMap<>();
        for (Class<?> c : List.of(BrokerConfig.class, MessageStoreConfig.class, FlushConfig.class,
            RetentionConfig.class, IndexConfig.class, TransferConfig.class, ReplicationConfig.class,
            NettyServerConfig.class, NettyClientConfig.class, NamesrvConfig.class)) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getAnnotation(ConfigKey.class) != null) {
                    homes.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(c.getSimpleName());
                }
            }
        }
        // the NameServer and the broker each bind NettyServerConfig; rocketmqHome (as in Apache) and metricsPort are
        // NamesrvConfig's and BrokerConfig's, but never within one server
        assertThat(homes.remove("rocketmqHome")).containsExactly("BrokerConfig", "NamesrvConfig");
        assertThat(homes.remove("metricsPort")).containsExactly("BrokerConfig", "NamesrvConfig");
        assertThat(homes).allSatisfy((key, owners) -> assertThat(owners).as(key).hasSize(1));
        assertThat(homes.get("writeBufferHighWaterMark")).containsExactly("NettyServerConfig");
        assertThat(homes.get("offsetCheckInSlave")).containsExactly("ReplicationConfig");
        assertThat(homes.get("frameMaxLength")).containsExactly("NettyServerConfig");
    }
}
