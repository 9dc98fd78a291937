package io.tidemq.common.json;

import io.tidemq.common.protocol.body.GetConsumerStatusBody;
import io.tidemq.common.protocol.body.MessageQueue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {
    @Test
    void bareObjectKeysOfAFastjsonBodyAreRead() {
        String fastjson = "{\"consumerTable\":{},\"messageQueueTable\":{{\"brokerName\":\"b-{1}\",\"queueId\":0,"
                + "\"topic\":\"T:x\"}:12,{\"brokerName\":\"b\",\"queueId\":1,\"topic\":\"T\"}:7}}";
        GetConsumerStatusBody body = Json.fromFastjsonBytes(fastjson.getBytes(StandardCharsets.UTF_8),
                GetConsumerStatusBody.class);
        assertThat(body.messageQueueTable).containsEntry(new MessageQueue("T:x", "b-{1}", 0), 12L)
                .containsEntry(new MessageQueue("T", "b", 1), 7L).hasSize(2);
        assertThat(body.consumerTable).isEmpty();
    }

    @Test
    void objectValuesAndStringsAreLeftAlone() {
        String json = "{\"a\":{\"b\":[{\"c\":\"{x}:\"}]},\"d\":{}}";
        assertThat(ObjectKeys.quote(json)).isEqualTo(json);
    }
}
