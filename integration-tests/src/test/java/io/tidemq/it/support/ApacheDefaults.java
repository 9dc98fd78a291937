package io.tidemq.it.support;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Every key Apache RocketMQ 4.9.3's broker binds from its {@code -c} file, at the value a fresh Apache broker has,
 * read from Apache's own config classes (test scope): the keys are its setters (as its properties2Object finds
 * them), the values its getters. Keys whose default is null (nothing to write) are left out, as Apache's own
 * printing leaves them out.
 */
public final class ApacheDefaults {
    private static final Set<Class<?>> BINDABLE = Set.of(String.class, int.class, Integer.class, long.class,
            Long.class, boolean.class, Boolean.class, double.class, Double.class, float.class, Float.class);

    private ApacheDefaults() {
    }

    public static Properties brokerProperties() throws Exception {
        org.apache.rocketmq.remoting.netty.NettyServerConfig server =
                new org.apache.rocketmq.remoting.netty.NettyServerConfig();
        server.setListenPort(10911);
        Properties p = new Properties();
        for (Object config : List.of(new org.apache.rocketmq.common.BrokerConfig(), server,
                new org.apache.rocketmq.remoting.netty.NettyClientConfig(),
                new org.apache.rocketmq.store.config.MessageStoreConfig())) {
            for (Method setter : config.getClass().getMethods()) {
                String name = setter.getName();
                if (!name.startsWith("set") || name.length() < 4 || setter.getParameterCount() != 1
                        || !BINDABLE.contains(setter.getParameterTypes()[0])) {
                    continue;
                }
                String key = name.substring(3, 4).toLowerCase() + name.substring(4);
                Object value = getter(config, name.substring(3));
                if (value != null) {
                    p.setProperty(key, value.toString());
                }
            }
        }
        return p;
    }

    private static Object getter(Object config, String property) throws Exception {
        for (String prefix : List.of("get", "is")) {
            try {
                return config.getClass().getMethod(prefix + property).invoke(config);
            } catch (NoSuchMethodException e) {
                // try the other prefix
            }
        }
        throw new IllegalStateException(config.getClass().getSimpleName() + " has a setter but no getter for "
                + property);
    }
}
