package io.tidemq.common.protocol.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.tidemq.common.DataVersion;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.common.topic.TopicFilterType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain JSON form of a {@link RegisterBrokerBody} written and read with Jackson's streaming API instead of its
 * data binding: the first registration is on the boot path of both the broker and the NameServer, and building
 * data-binding serializers on first use costs tens of milliseconds on each side; a periodic registration of
 * thousands of topics also runs faster this way.
 *
 * <p>{@link #write} produces the same bytes as {@code Json.toBytes(body)} (members and table entries sorted, nulls
 * omitted). {@link #read} understands the shape a broker writes, with members in any order and unknown members
 * skipped; for anything else (a scalar given as a string, a null, a float for an int, a bare string for the filter
 * list) it returns null so the caller can fall back to the data-binding reader, which keeps its results and its
 * error messages for odd input.
 */
final class RegisterBrokerBodyJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .build();

    private RegisterBrokerBodyJson() {
    }

    static byte[] write(RegisterBrokerBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            if (body.filterServerList != null) {
                g.writeArrayFieldStart("filterServerList");
                for (String s : body.filterServerList) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
            TopicConfigSerializeWrapper topics = body.topicConfigSerializeWrapper;
            if (topics != null) {
                g.writeObjectFieldStart("topicConfigSerializeWrapper");
                if (topics.dataVersion != null) {
                    g.writeObjectFieldStart("dataVersion");
                    g.writeNumberField("counter", topics.dataVersion.counter);
                    g.writeNumberField("timestamp", topics.dataVersion.timestamp);
                    g.writeEndObject();
                }
                if (topics.topicConfigTable != null) {
                    g.writeObjectFieldStart("topicConfigTable");
                    for (Map.Entry<String, TopicConfig> e : new TreeMap<>(topics.topicConfigTable).entrySet()) {
                        g.writeFieldName(e.getKey());
                        writeTopic(g, e.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON writing failed", e);
        }
        return bytes.toByteArray();
    }

    private static void writeTopic(JsonGenerator g, TopicConfig tc) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("order", tc.order);
        g.writeNumberField("perm", tc.perm);
        g.writeNumberField("readQueueNums", tc.readQueueNums);
        if (tc.topicFilterType != null) {
            g.writeStringField("topicFilterType", tc.topicFilterType.name());
        }
        if (tc.topicName != null) {
            g.writeStringField("topicName", tc.topicName);
        }
        g.writeNumberField("topicSysFlag", tc.topicSysFlag);
        g.writeNumberField("writeQueueNums", tc.writeQueueNums);
        g.writeEndObject();
    }

    /**
     * The body in {@code data}, or null when it is not in the plain shape this reader handles (including when it is
     * not JSON at all): the caller then reads it with data binding.
     */
    static RegisterBrokerBody read(byte[] data) {
        try (JsonParser p = FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            RegisterBrokerBody body = new RegisterBrokerBody();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("filterServerList".equals(name)) {
                    body.filterServerList = readStrings(p, value);
                    if (body.filterServerList == null) {
                        return null;
                    }
                } else if ("topicConfigSerializeWrapper".equals(name)) {
                    // a repeated member replaces the earlier one, as with data binding
                    body.topicConfigSerializeWrapper = new TopicConfigSerializeWrapper();
                    if (value != JsonToken.START_OBJECT || !readWrapper(p, body.topicConfigSerializeWrapper)) {
                        return null;
                    }
                } else {
                    p.skipChildren();
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT ? body : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> readStrings(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            list.add(p.getText());
        }
        return t == JsonToken.END_ARRAY ? list : null;
    }

    private static boolean readWrapper(JsonParser p, TopicConfigSerializeWrapper wrapper) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("dataVersion".equals(name)) {
                wrapper.dataVersion = new DataVersion();
                if (value != JsonToken.START_OBJECT || !readDataVersion(p, wrapper.dataVersion)) {
                    return false;
                }
            } else if ("topicConfigTable".equals(name)) {
                if (value != JsonToken.START_OBJECT) {
                    return false;
                }
                wrapper.topicConfigTable = new ConcurrentHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String topic = p.currentName();
                    TopicConfig tc = new TopicConfig();
                    if (p.nextToken() != JsonToken.START_OBJECT || !readTopic(p, tc)) {
                        return false;
                    }
                    wrapper.topicConfigTable.put(topic, tc);
                }
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    return false;
                }
            } else {
                p.skipChildren();
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT;
    }

    private static boolean readDataVersion(JsonParser p, DataVersion version) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("counter".equals(name) || "timestamp".equals(name)) {
                if (!isLong(p, value)) {
                    return false;
                }
                if ("counter".equals(name)) {
                    version.counter = p.getLongValue();
                } else {
                    version.timestamp = p.getLongValue();
                }
            } else {
                p.skipChildren();
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT;
    }

    private static boolean readTopic(JsonParser p, TopicConfig tc) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "topicName" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    tc.topicName = p.getText();
                }
                case "readQueueNums", "writeQueueNums", "perm", "topicSysFlag" -> {
                    if (!isInt(p, value)) {
                        return false;
                    }
                    int n = p.getIntValue();
                    switch (name) {
                        case "readQueueNums" -> tc.readQueueNums = n;
                        case "writeQueueNums" -> tc.writeQueueNums = n;
                        case "perm" -> tc.perm = n;
                        default -> tc.topicSysFlag = n;
                    }
                }
                case "topicFilterType" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    tc.topicFilterType = filterType(p.getText());
                    if (tc.topicFilterType == null) {
                        return false;
                    }
                }
                case "order" -> {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                        return false;
                    }
                    tc.order = value == JsonToken.VALUE_TRUE;
                }
                default -> p.skipChildren();
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT;
    }

    private static TopicFilterType filterType(String text) {
        for (TopicFilterType t : TopicFilterType.values()) {
            if (t.name().equals(text)) {
                return t;
            }
        }
        return null;
    }

    private static boolean isInt(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
    }

    private static boolean isLong(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }
}
