package io.tidemq.common.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Binds property keys to the fields of typed config objects: key {@code fooBar} sets field {@code fooBar} of the
 * first object that has it (or lists it as an alias in {@link ConfigKey}). Unlike Apache RocketMQ, an unknown key
 * or a value that does not parse is an error naming it, so a typo stops start-up instead of being ignored.
 *
 * <p>Supported field types: String, int/Integer, long/Long, boolean/Boolean, double/Double, float, short and
 * enums (by name, case-insensitive).
 */
public final class ConfigBinder {
    private final List<Object> targets;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();

    public ConfigBinder(Object... targets) {
        this.targets = List.of(targets);
        for (Object t : targets) {
            for (Field f : fieldsOf(t.getClass())) {
                Binding b = new Binding(t, f);
                bindings.putIfAbsent(f.getName(), b);
                ConfigKey key = f.getAnnotation(ConfigKey.class);
                if (key != null) {
                    for (String alias : key.aliases()) {
                        bindings.putIfAbsent(alias, b);
                    }
                }
            }
        }
    }

    /** Applies every entry; throws {@link ConfigException} at the first unknown key or bad value. */
    public void apply(Properties props) {
        for (String key : props.stringPropertyNames()) {
            set(key, props.getProperty(key));
        }
    }

    /** Applies one entry. */
    public void set(String key, String value) {
        Binding b = bindings.get(key.trim());
        if (b == null) {
            throw new ConfigException("unknown config key '" + key.trim() + "'");
        }
        b.set(key.trim(), value == null ? "" : value.trim());
    }

    public boolean knows(String key) {
        return bindings.containsKey(key);
    }

    /** The current value of a key as text, or null for an unknown key. */
    public String get(String key) {
        Binding b = bindings.get(key);
        return b == null ? null : b.text();
    }

    /** Every field (no aliases) with its current value, in declaration order of the targets. */
    public Map<String, String> describe(boolean importantOnly) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object t : targets) {
            for (Field f : fieldsOf(t.getClass())) {
                ConfigKey key = f.getAnnotation(ConfigKey.class);
                if (importantOnly && (key == null || !key.important())) {
                    continue;
                }
                out.putIfAbsent(f.getName(), new Binding(t, f).text());
            }
        }
        return out;
    }

    /** {@code key=value} lines of {@link #describe}, as {@code -p} prints them. */
    public String toText(boolean importantOnly) {
        StringBuilder sb = new StringBuilder();
        describe(importantOnly).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static List<Field> fieldsOf(Class<?> type) {
        List<Field> out = new ArrayList<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) {
                    continue;
                }
                if (!isSupported(f.getType())) {
                    continue;
                }
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    private static boolean isSupported(Class<?> t) {
        return t == String.class || t == int.class || t == Integer.class || t == long.class || t == Long.class
                || t == boolean.class || t == Boolean.class || t == double.class || t == Double.class
                || t == float.class || t == Float.class || t == short.class || t == Short.class || t.isEnum();
    }

    private record Binding(Object target, Field field) {
        void set(String key, String value) {
            Class<?> t = field.getType();
            Object parsed;
            try {
                parsed = parse(t, value);
            } catch (RuntimeException e) {
                throw new ConfigException("bad value '" + value + "' for config key '" + key + "' (expected "
                        + expected(t) + ")");
            }
            try {
                field.set(target, parsed);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        String text() {
            try {
                Object v = field.get(target);
                return v == null ? "" : String.valueOf(v);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object parse(Class<?> t, String v) {
            if (t == String.class) {
                return v;
            } else if (t == int.class || t == Integer.class) {
                return Integer.parseInt(v);
            } else if (t == long.class || t == Long.class) {
                return Long.parseLong(v);
            } else if (t == boolean.class || t == Boolean.class) {
                if (v.equalsIgnoreCase("true")) {
                    return true;
                } else if (v.equalsIgnoreCase("false")) {
                    return false;
                }
                throw new IllegalArgumentException(v);
            } else if (t == double.class || t == Double.class) {
                return Double.parseDouble(v);
            } else if (t == float.class || t == Float.class) {
                return Float.parseFloat(v);
            } else if (t == short.class || t == Short.class) {
                return Short.parseShort(v);
            } else if (t.isEnum()) {
                for (Object c : t.getEnumConstants()) {
                    if (((Enum) c).name().equalsIgnoreCase(v)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException(v);
            }
            throw new IllegalArgumentException("unsupported type " + t);
        }

        private static String expected(Class<?> t) {
            if (t.isEnum()) {
                StringBuilder sb = new StringBuilder("one of ");
                Object[] cs = t.getEnumConstants();
                for (int i = 0; i < cs.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(((Enum<?>) cs[i]).name());
                }
                return sb.toString();
            }
            return t.getSimpleName().toLowerCase();
        }
    }
}
