package io.tidemq.common.protocol.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tidemq.common.DataVersion;
import io.tidemq.common.json.FastjsonDialect;
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
    private static final JsonFactory FACTORY = FastjsonDialect.newFactory();

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
            boolean read = readMembers(p, (name, value) -> switch (name) {
                case "filterServerList" -> (body.filterServerList = readStrings(p, value)) != null;
                case "topicConfigSerializeWrapper" -> {
                    // a repeated member replaces the earlier one, as with data binding
                    body.topicConfigSerializeWrapper = new TopicConfigSerializeWrapper();
                    yield value == JsonToken.START_OBJECT && readWrapper(p, body.topicConfigSerializeWrapper);
                }
                default -> skip(p);
            });
            return read ? body : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Takes one member of an object; false refuses it (and so the whole body). */
    private interface MemberReader {
        boolean read(String name, JsonToken value) throws IOException;
    }

    /** Reads the members of the object just opened up to its end; false as soon as one is refused. */
    private static boolean readMembers(JsonParser p, MemberReader member) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (!member.read(name, p.nextToken())) {
                return false;
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT;
    }

    /** Skips an unknown member's value, whatever its shape. */
    private static boolean skip(JsonParser p) throws IOException {
        p.skipChildren();
        return true;
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
        return readMembers(p, (name, value) -> switch (name) {
            case "dataVersion" -> {
                wrapper.dataVersion = new DataVersion();
                yield value == JsonToken.START_OBJECT && readDataVersion(p, wrapper.dataVersion);
            }
            case "topicConfigTable" -> {
                wrapper.topicConfigTable = new ConcurrentHashMap<>();
                yield value == JsonToken.START_OBJECT && readMembers(p, (topic, config) -> {
                    TopicConfig tc = new TopicConfig();
                    wrapper.topicConfigTable.put(topic, tc);
                    return config == JsonToken.START_OBJECT && readTopic(p, tc);
                });
            }
            default -> skip(p);
        });
    }

    private static boolean readDataVersion(JsonParser p, DataVersion version) throws IOException {
        return readMembers(p, (name, value) -> switch (name) {
            case "counter" -> isLong(p, value) && set(() -> version.counter = p.getLongValue());
            case "timestamp" -> isLong(p, value) && set(() -> version.timestamp = p.getLongValue());
            default -> skip(p);
        });
    }

    private static boolean readTopic(JsonParser p, TopicConfig tc) throws IOException {
        return readMembers(p, (name, value) -> switch (name) {
            case "topicName" -> value == JsonToken.VALUE_STRING && set(() -> tc.topicName = p.getText());
            case "readQueueNums" -> isInt(p, value) && set(() -> tc.readQueueNums = p.getIntValue());
            case "writeQueueNums" -> isInt(p, value) && set(() -> tc.writeQueueNums = p.getIntValue());
            case "perm" -> isInt(p, value) && set(() -> tc.perm = p.getIntValue());
            case "topicSysFlag" -> isInt(p, value) && set(() -> tc.topicSysFlag = p.getIntValue());
            case "topicFilterType" -> value == JsonToken.VALUE_STRING
                    && (tc.topicFilterType = filterType(p.getText())) != null;
            case "order" -> (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE)
                    && set(() -> tc.order = value == JsonToken.VALUE_TRUE);
            default -> skip(p);
        });
    }

    /** An assignment that reads the parser, as a member reader's accepting step. */
    private interface Assignment {
        void run() throws IOException;
    }

    private static boolean set(Assignment assignment) throws IOException {
        assignment.run();
        return true;
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
