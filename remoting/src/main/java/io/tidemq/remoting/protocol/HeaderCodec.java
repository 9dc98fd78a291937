package io.tidemq.remoting.protocol;

import io.tidemq.remoting.exception.RemotingCommandException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps header objects to and from extFields the way the official side does: one entry per non-static,
 * non-transient field, key = field name, value = {@code String.valueOf(value)}, nulls omitted.
 *
 * <p>Supported field types: String, Integer/int, Long/long, Boolean/boolean, Double/double, Short/short,
 * Float/float. Thread-safe; field metadata is cached per class.
 */
public final class HeaderCodec {
    private static final Map<Class<?>, HeaderType> TYPES = new ConcurrentHashMap<>();

    private HeaderCodec() {
    }

    /** Encodes every non-null field of {@code header}; an object with only null fields gives an empty map. */
    public static Map<String, String> encode(Object header) {
        HeaderType type = TYPES.computeIfAbsent(header.getClass(), HeaderType::new);
        Map<String, String> out = new HashMap<>(type.fields.length * 2);
        try {
            for (HeaderField f : type.fields) {
                Object v = f.getter.invoke(header);
                if (v != null) {
                    out.put(f.name, String.valueOf(v));
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot encode header " + header.getClass().getName(), e);
        }
        return out;
    }

    /**
     * Builds a {@code type} from {@code fields}. A missing {@link Required} field, or a value that does not parse as
     * its field's type, is a {@link RemotingCommandException} naming the field.
     */
    public static <T> T decode(Class<T> type, Map<String, String> fields) throws RemotingCommandException {
        HeaderType ht = type(type);
        Object obj = ht.newInstance();
        for (HeaderField f : ht.fields) {
            String raw = fields == null ? null : fields.get(f.name);
            if (raw == null) {
                if (f.required) {
                    throw missing(f);
                }
                continue;
            }
            f.set(obj, f.parse(raw));
        }
        return type.cast(obj);
    }

    /** Field metadata of {@code type}, for codecs that fill a header straight from its wire form. */
    static HeaderType type(Class<?> type) {
        return TYPES.computeIfAbsent(type, HeaderType::new);
    }

    private static RemotingCommandException missing(HeaderField f) {
        return new RemotingCommandException("the custom field <" + f.name + "> is null");
    }

    private static Object parse(Class<?> type, String raw) {
        String s = raw.trim();
        if (type == String.class) {
            return raw;
        } else if (type == Integer.class || type == int.class) {
            return Integer.parseInt(s);
        } else if (type == Long.class || type == long.class) {
            return Long.parseLong(s);
        } else if (type == Boolean.class || type == boolean.class) {
            return Boolean.parseBoolean(s);
        } else if (type == Double.class || type == double.class) {
            return Double.parseDouble(s);
        } else if (type == Short.class || type == short.class) {
            return Short.parseShort(s);
        } else if (type == Float.class || type == float.class) {
            return Float.parseFloat(s);
        }
        throw new IllegalArgumentException("unsupported header field type " + type);
    }

    /** One header class: how to create it and its fields, in declaration order (subclass first). */
    static final class HeaderType {
        final Constructor<?> constructor;
        final HeaderField[] fields;

        HeaderType(Class<?> type) {
            try {
                constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getName() + " needs a no-argument constructor", e);
            }
            List<HeaderField> list = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) {
                        continue;
                    }
                    list.add(new HeaderField(f));
                }
            }
            fields = list.toArray(new HeaderField[0]);
        }

        Object newInstance() {
            try {
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate header " + constructor.getDeclaringClass()
                        .getName(), e);
            }
        }

        /** Index of the field named by the ASCII bytes {@code b[from, from+len)}, or -1. */
        int indexOf(byte[] b, int from, int len) {
            for (int i = 0; i < fields.length; i++) {
                byte[] n = fields[i].nameBytes;
                if (n.length == len && java.util.Arrays.equals(n, 0, len, b, from, from + len)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** One header field: its name (also as bytes), type, whether required, and handles to read and write it. */
    static final class HeaderField {
        final String name;
        final byte[] nameBytes;
        final Class<?> type;
        final boolean required;
        final MethodHandle getter;
        final MethodHandle setter;

        HeaderField(Field f) {
            f.setAccessible(true);
            name = f.getName();
            nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            type = f.getType();
            required = f.isAnnotationPresent(Required.class);
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                getter = lookup.unreflectGetter(f);
                setter = lookup.unreflectSetter(f);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The field's value from its text; a value that does not parse is refused naming the field. */
        Object parse(String raw) throws RemotingCommandException {
            try {
                return HeaderCodec.parse(type, raw);
            } catch (RuntimeException e) {
                throw new RemotingCommandException("the custom field <" + name + "> has a bad value: " + raw);
            }
        }

        boolean isLong() {
            return type == Long.class || type == long.class;
        }

        boolean isBoolean() {
            return type == Boolean.class || type == boolean.class;
        }

        boolean isInt() {
            return type == Integer.class || type == int.class;
        }

        void set(Object header, Object value) {
            try {
                setter.invoke(header, value);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot set header field " + name, e);
            }
        }
    }
}
