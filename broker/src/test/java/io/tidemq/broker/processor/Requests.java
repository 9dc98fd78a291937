package io.tidemq.broker.processor;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.nio.charset.StandardCharsets;

/** Requests as the 4.9 client sends them: a code and the header's fields as ext fields. */
final class Requests {
    private Requests() {
    }

    /** A request of {@code code} with {@code kv} as name, value pairs. */
    static RemotingCommand request(int code, String... kv) {
        RemotingCommand r = RemotingCommand.createRequest(code);
        for (int i = 0; i < kv.length; i += 2) {
            r.addExtField(kv[i], kv[i + 1]);
        }
        return r;
    }

    /** SEND_MESSAGE of {@code body} to a queue of {@code topic}; {@code properties} in the 4.9 string form. */
    static RemotingCommand send(String topic, int queueId, String body, String properties) {
        RemotingCommand r = request(RequestCode.SEND_MESSAGE, "producerGroup", "PG_TEST", "topic", topic,
                "defaultTopic", "TBW102", "defaultTopicQueueNums", "4", "queueId", String.valueOf(queueId),
                "sysFlag", "0", "bornTimestamp", "1700000000000", "flag", "0", "properties", properties,
                "reconsumeTimes", "0", "unitMode", "false", "batch", "false");
        r.setBody(body.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** Properties in the 4.9 string form: name, value pairs. */
    static String props(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(kv[i]).append('\u0001').append(kv[i + 1]).append('\u0002');
        }
        return sb.toString();
    }

    /** PULL_MESSAGE of up to 32 messages from {@code offset}, subscription {@code *} in the header, no suspension. */
    static RemotingCommand pull(String group, String topic, int queueId, long offset) {
        return request(RequestCode.PULL_MESSAGE, "consumerGroup", group, "topic", topic,
                "queueId", String.valueOf(queueId), "queueOffset", String.valueOf(offset), "maxMsgNums", "32",
                "sysFlag", String.valueOf(1 << 2), "commitOffset", "0", "suspendTimeoutMillis", "0",
                "subscription", "*", "subVersion", "0", "expressionType", "TAG");
    }
}
