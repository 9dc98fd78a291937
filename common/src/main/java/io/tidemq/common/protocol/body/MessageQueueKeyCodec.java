package io.tidemq.common.protocol.body;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import io.tidemq.common.json.Json;

import java.io.IOException;

/**
 * MessageQueue as a map key. fastjson writes such keys as bare JSON objects, which no standard parser reads; it does
 * read a key that is the JSON text of the object as a string (protocol.md 2.2), so that is what is written, and
 * read back.
 */
final class MessageQueueKeyCodec {
    private MessageQueueKeyCodec() {
    }

    /** Writes the key as the object's JSON text: {"brokerName":...,"queueId":...,"topic":...}. */
    static final class Writer extends JsonSerializer<MessageQueue> {
        @Override
        public void serialize(MessageQueue mq, JsonGenerator gen, SerializerProvider p) throws IOException {
            gen.writeFieldName(Json.toString(mq));
        }
    }

    /** Reads a key written by {@link Writer} (or by fastjson as a string). */
    static final class Reader extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctx) {
            return Json.fromString(key, MessageQueue.class);
        }
    }
}
