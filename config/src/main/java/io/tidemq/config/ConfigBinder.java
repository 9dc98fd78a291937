package io.tidemq.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Binds property keys to the {@link ConfigKey} fields of typed config objects: key {@code fooBar} sets field
 * {@code fooBar}. Every key has exactly one home: two targets declaring the same key is a programming error caught
 * when the binder is built. Unlike Apache RocketMQ, an unknown key, a value that does not parse, or a value that a
 * key refuses ({@link ConfigKey#onlyDefault()}) is an error naming the key, so a typo stops start-up instead of
 * being ignored.
 *
 * <p>Supported field types: String, int, long, boolean, double, float, short (and their boxes) and enums (by name,
 * case-insensitive). Thread-safe: writes and reads of values are synchronized on the binder.
 */
public final class ConfigBinder {
    /** How a set secret is printed. */
    public static final String SECRET_MASK = "******";

    private final List<Object> targets;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();

    public ConfigBinder(Object... targets) {
        this.targets = List.of(targets);
        for (Object t : targets) {
            bindAll(t);
        }
    }

    /** The keys of {@code t} in declaration order, a {@link ConfigSection}'s keys where the section is declared. */
    private void bindAll(Object t) {
        for (Field f : keyFieldsOf(t.getClass())) {
            if (f.getAnnotation(ConfigSection.class) != null) {
                bindAll(sectionOf(t, f));
                continue;
            }
            Binding b = new Binding(t, f, f.getAnnotation(ConfigKey.class), text(t, f));
            Binding other = bindings.putIfAbsent(f.getName(), b);
            if (other != null) {
                throw new IllegalStateException("config key '" + f.getName() + "' is declared by both "
                        + other.field.getDeclaringClass().getName() + " and " + f.getDeclaringClass().getName());
            }
        }
    }

    private static Object sectionOf(Object owner, Field f) {
        try {
            Object section = f.get(owner);
            if (section == null) {
                throw new IllegalStateException("config section " + f.getName() + " of "
                        + owner.getClass().getName() + " is null");
            }
            return section;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One key as declared: its name, value type, annotation, owner and the value it had when the binder was built. */
    public record KeyInfo(String name, Class<?> type, ConfigKey meta, Class<?> owner, String initialValue) {
        /** The default as documentation shows it. */
        public String defaultValue() {
            return meta.defaultText().isEmpty() ? initialValue : meta.defaultText();
        }

        public boolean hasEffect() {
            return meta.noEffect().isEmpty();
        }
    }

    /**
     * Applies every entry, checking all of them: throws one {@link ConfigException} listing every unknown key, bad
     * value and refused value. Entries that are fine are applied even when others fail (start-up stops anyway).
     */
    public synchronized void apply(Properties props) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            try {
                set(key, props.getProperty(key));
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        ConfigException.throwIfAny(problems);
    }

    /** Applies one entry; throws {@link ConfigException} naming the key when it cannot be used. */
    public synchronized void set(String key, String value) {
        String k = key.trim();
        Binding b = bindings.get(k);
        if (b == null) {
            throw new ConfigException(unknownKeyMessage(k));
        }
        b.set(value == null ? "" : value.trim());
    }

    /** The message for a key no target declares, with the nearest known key when one is close. */
    public String unknownKeyMessage(String key) {
        String nearest = KeySuggestion.nearest(key, bindings.keySet());
        return "unknown config key '" + key + "'" + (nearest == null ? "" : " (did you mean " + nearest + "?)");
    }

    public boolean knows(String key) {
        return bindings.containsKey(key.trim());
    }

    /** The declaration of a key, or null for an unknown key. */
    public KeyInfo info(String key) {
        Binding b = bindings.get(key.trim());
        return b == null ? null : b.info();
    }

    /** Every key, in declaration order of the targets. */
    public List<KeyInfo> keys() {
        List<KeyInfo> out = new ArrayList<>();
        for (Binding b : bindings.values()) {
            out.add(b.info());
        }
        return out;
    }

    /** The keys among {@code present} that are accepted but have no effect here, in the order given. */
    public List<String> noEffectKeys(Collection<String> present) {
        List<String> out = new ArrayList<>();
        for (String key : present) {
            Binding b = bindings.get(key.trim());
            if (b != null && !b.meta.noEffect().isEmpty() && !out.contains(key.trim())) {
                out.add(key.trim());
            }
        }
        return out;
    }

    /** The current value of a key as text, or null for an unknown key. */
    public synchronized String get(String key) {
        Binding b = bindings.get(key.trim());
        return b == null ? null : text(b.target, b.field);
    }

    /** Every key with its current value, in declaration order; a set {@link ConfigKey#secret()} shows as ******. */
    public synchronized Map<String, String> describe(boolean importantOnly) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Binding> e : bindings.entrySet()) {
            if (!importantOnly || e.getValue().meta.important()) {
                String value = text(e.getValue().target, e.getValue().field);
                boolean hidden = e.getValue().meta.secret() && value != null && !value.isEmpty();
                out.put(e.getKey(), hidden ? SECRET_MASK : value);
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

    /**
     * Copies every value into {@code other}, key by key, as the raw field values (a null string stays null). Both
     * binders must declare the same keys; used to try a change on a copy before applying it.
     */
    public synchronized void copyInto(ConfigBinder other) {
        for (Map.Entry<String, Binding> e : bindings.entrySet()) {
            Binding to = other.bindings.get(e.getKey());
            if (to == null) {
                throw new IllegalArgumentException("the other binder has no key " + e.getKey());
            }
            try {
                to.field.set(to.target, e.getValue().field.get(e.getValue().target));
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    public List<Object> targets() {
        return targets;
    }

    private static List<Field> keyFieldsOf(Class<?> type) {
        List<Field> out = new ArrayList<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getAnnotation(ConfigSection.class) != null) {
                    if (!Modifier.isFinal(f.getModifiers()) || Modifier.isStatic(f.getModifiers())) {
                        throw new IllegalStateException("config section field " + c.getName() + "." + f.getName()
                                + " must be final and not static");
                    }
                    f.setAccessible(true);
                    out.add(f);
                    continue;
                }
                if (f.getAnnotation(ConfigKey.class) == null) {
                    continue;
                }
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                    throw new IllegalStateException("config key field " + c.getName() + "." + f.getName()
                            + " must be neither static nor final");
                }
                if (!ValueParser.supports(f.getType())) {
                    throw new IllegalStateException("config key field " + c.getName() + "." + f.getName()
                            + " has an unsupported type " + f.getType().getName());
                }
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    private static String text(Object target, Field field) {
        try {
            Object v = field.get(target);
            return v == null ? "" : String.valueOf(v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Binding {
        final Object target;
        final Field field;
        final ConfigKey meta;
        final String initial;

        Binding(Object target, Field field, ConfigKey meta, String initial) {
            this.target = target;
            this.field = field;
            this.meta = meta;
            this.initial = initial;
        }

        KeyInfo info() {
            return new KeyInfo(field.getName(), field.getType(), meta, field.getDeclaringClass(), initial);
        }

        void set(String value) {
            String key = field.getName();
            Object parsed;
            try {
                parsed = ValueParser.parse(field.getType(), value);
            } catch (RuntimeException e) {
                throw new ConfigException("bad value '" + value + "' for config key '" + key + "' (expected "
                        + ValueParser.expected(field.getType()) + ")");
            }
            if (!meta.onlyDefault().isEmpty() && !Objects.equals(String.valueOf(parsed), initial)) {
                throw new ConfigException(key + "=" + value + " is refused: " + meta.onlyDefault());
            }
            try {
                field.set(target, parsed);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
