package io.tidemq.common.protocol.body;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.Objects;

/** A queue: topic, broker name and queue id. Used as a map key in several bodies (see MessageQueueKeyCodec). */
@JsonSerialize(keyUsing = MessageQueueKeyCodec.Writer.class)
@JsonDeserialize(keyUsing = MessageQueueKeyCodec.Reader.class)
public final class MessageQueue implements Comparable<MessageQueue> {
    public String topic;
    public String brokerName;
    public int queueId;

    public MessageQueue() {
    }

    public MessageQueue(String topic, String brokerName, int queueId) {
        this.topic = topic;
        this.brokerName = brokerName;
        this.queueId = queueId;
    }

    @Override
    public int compareTo(MessageQueue o) {
        int c = topic.compareTo(o.topic);
        if (c != 0) {
            return c;
        }
        c = brokerName.compareTo(o.brokerName);
        return c != 0 ? c : Integer.compare(queueId, o.queueId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageQueue m && queueId == m.queueId && Objects.equals(topic, m.topic)
                && Objects.equals(brokerName, m.brokerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, brokerName, queueId);
    }

    @Override
    public String toString() {
        return "MessageQueue[topic=" + topic + ", brokerName=" + brokerName + ", queueId=" + queueId + "]";
    }
}
