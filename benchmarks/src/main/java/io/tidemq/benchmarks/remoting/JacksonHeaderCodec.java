package io.tidemq.benchmarks.remoting;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.tidemq.remoting.protocol.LanguageCode;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON command header written and read with Jackson's streaming API: the strongest Jackson contender for the
 * hand-written {@code JsonHeaderCodec}, same members and order, same leniency for unknown members. Exists only to
 * be measured against it.
 */
final class JacksonHeaderCodec {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JacksonHeaderCodec() {
    }

    static byte[] encode(RemotingCommand cmd, ByteArrayBuilder out) throws IOException {
        out.reset();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("code", cmd.getCode());
            if (cmd.getExtFields() != null) {
                g.writeObjectFieldStart("extFields");
                for (Map.Entry<String, String> e : cmd.getExtFields().entrySet()) {
                    if (e.getKey() != null && e.getValue() != null) {
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                }
                g.writeEndObject();
            }
            g.writeNumberField("flag", cmd.getFlag());
            if (cmd.getLanguage() != null) {
                g.writeStringField("language", cmd.getLanguage().name());
            }
            g.writeNumberField("opaque", cmd.getOpaque());
            if (cmd.getRemark() != null) {
                g.writeStringField("remark", cmd.getRemark());
            }
            g.writeStringField("serializeTypeCurrentRPC", cmd.getSerializeType().name());
            g.writeNumberField("version", cmd.getVersion());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static RemotingCommand decode(byte[] data) throws IOException {
        RemotingCommand cmd = new RemotingCommand();
        cmd.setVersion(0);
        try (JsonParser p = FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "code" -> cmd.setCode(p.getValueAsInt());
                    case "flag" -> cmd.setFlag(p.getValueAsInt());
                    case "opaque" -> cmd.setOpaque(p.getValueAsInt());
                    case "version" -> cmd.setVersion(p.getValueAsInt());
                    case "language" -> {
                        LanguageCode l = LanguageCode.fromName(p.getText());
                        cmd.setLanguage(l == null ? LanguageCode.OTHER : l);
                    }
                    case "remark" -> cmd.setRemark(p.getText());
                    case "extFields" -> cmd.setExtFields(readMap(p));
                    default -> p.skipChildren();
                }
            }
        }
        return cmd;
    }

    private static Map<String, String> readMap(JsonParser p) throws IOException {
        Map<String, String> map = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (t != JsonToken.VALUE_NULL) {
                map.put(key, p.getText());
            }
        }
        return map;
    }
}
