package io.tidemq.common.protocol.body;

import io.tidemq.common.DataVersion;
import io.tidemq.common.topic.TopicConfig;

import java.util.concurrent.ConcurrentHashMap;

/** A broker's topic table with its version: the content of topics.json and of registration bodies. */
public final class TopicConfigSerializeWrapper {
    public ConcurrentHashMap<String, TopicConfig> topicConfigTable = new ConcurrentHashMap<>();
    public DataVersion dataVersion = new DataVersion();
}
