package io.tidemq.common.protocol.body;

import io.tidemq.common.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MessageQueueKeyCodecTest {
    @Test
    void aMapKeyIsWrittenAsTheObjectsJsonTextAndReadBack() {
        Map<MessageQueue, Long> offsets = new TreeMap<>(Map.of(new MessageQueue("T\"q", "broker-a", 3), 42L));
        GetConsumerStatusBody body = new GetConsumerStatusBody();
        body.messageQueueTable = offsets;
        String json = Json.toString(body);
        assertThat(json).contains("\"{\\\"brokerName\\\":\\\"broker-a\\\",\\\"queueId\\\":3,\\\"topic\\\":\\\"T\\\\\\\"q\\\"}\":42");
        GetConsumerStatusBody back = Json.fromString(json, GetConsumerStatusBody.class);
        assertThat(back.messageQueueTable).containsExactlyEntriesOf(offsets);
    }
}
