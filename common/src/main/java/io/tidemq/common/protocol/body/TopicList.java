package io.tidemq.common.protocol.body;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** A list of topic names, optionally with the broker address that holds more (system topic lists). */
public final class TopicList {
    public Set<String> topicList = new LinkedHashSet<>();
    public String brokerAddr;

    public TopicList() {
    }

    public TopicList(Collection<String> topics) {
        this.topicList = new LinkedHashSet<>(topics);
    }
}
