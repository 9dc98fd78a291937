package io.tidemq.common.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapper for protocol bodies and config files, set up for the fastjson dialect of RocketMQ 4.9
 * (protocol.md section 2): reads unquoted numeric map keys, single quotes and scalars given as strings; writes
 * members sorted, nulls omitted, enums by name.
 *
 * <p>Body classes are plain classes whose fields are the JSON members (field visibility, no getters needed), so
 * member names are exactly the field names. Thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(FastjsonDialect.newFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Encodes {@code value} as UTF-8 JSON bytes. */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getName(), e);
        }
    }

    public static String toString(Object value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }

    /** Pretty-printed JSON, for files operators read (topics.json and friends). */
    public static String toPrettyString(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getName(), e);
        }
    }

    /** Decodes a body; a malformed body is an {@link IllegalArgumentException} with the parser's message. */
    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " body: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a body a 4.9 client wrote with fastjson, whose MessageQueue map keys are bare JSON objects (for
     * instance the offsets of GET_CONSUMER_STATUS_FROM_CLIENT).
     */
    public static <T> T fromFastjsonBytes(byte[] bytes, Class<T> type) {
        return fromString(ObjectKeys.quote(new String(bytes, StandardCharsets.UTF_8)), type);
    }

    public static <T> T fromString(String text, Class<T> type) {
        return fromBytes(text.getBytes(StandardCharsets.UTF_8), type);
    }
}
