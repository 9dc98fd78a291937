package io.tidemq.broker.topic;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.util.JsonConfigFile;
import io.tidemq.common.DataVersion;
import io.tidemq.common.protocol.body.TopicConfigSerializeWrapper;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The broker's topic table (config/topics.json): system topics created at start, topics created by admins, and
 * topics created on demand (auto-create through TBW102, retry and DLQ topics). Thread-safe; creations are
 * serialized so two concurrent first sends create a topic once.
 */
public final class TopicConfigManager {
    private static final Logger LOG = LoggerFactory.getLogger(TopicConfigManager.class);

    private final BrokerConfig brokerConfig;
    private final JsonConfigFile<TopicConfigSerializeWrapper> file;
    private final ConcurrentHashMap<String, TopicConfig> table = new ConcurrentHashMap<>();
    private final Set<String> systemTopics = ConcurrentHashMap.newKeySet();
    private volatile DataVersion dataVersion = new DataVersion();
    /** Told about every topic created on demand, so the broker can register it with the NameServers at once. */
    private volatile Consumer<TopicConfig> onCreated = t -> { };

    public TopicConfigManager(BrokerConfig brokerConfig, Path configDir) {
        this.brokerConfig = brokerConfig;
        this.file = new JsonConfigFile<>(configDir.resolve("topics.json"), TopicConfigSerializeWrapper.class);
    }

    public void setOnCreated(Consumer<TopicConfig> onCreated) {
        this.onCreated = onCreated;
    }

    /** Loads topics.json and adds the system topics; call once before serving. */
    public void load() {
        TopicConfigSerializeWrapper stored = file.load();
        if (stored != null) {
            stored.topicConfigTable.forEach((name, tc) -> {
                if (tc.topicName == null) {
                    tc.topicName = name;
                }
                table.put(name, tc);
            });
            if (stored.dataVersion != null) {
                dataVersion = stored.dataVersion;
            }
        }
        // not persisted here: the system topics are added again on every boot, and every change to a user topic
        // is persisted when it happens (writing the table at boot cost a JSON serializer warm-up on the boot path)
        addSystemTopics();
    }

    private void addSystemTopics() {
        String cluster = brokerConfig.getBrokerClusterName();
        system(TopicValidator.RMQ_SYS_SELF_TEST_TOPIC, 1, PermName.PERM_READ | PermName.PERM_WRITE);
        if (brokerConfig.isAutoCreateTopicEnable()) {
            int n = brokerConfig.getDefaultTopicQueueNums();
            system(TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC, n,
                    PermName.PERM_INHERIT | PermName.PERM_READ | PermName.PERM_WRITE);
        }
        system(TopicValidator.RMQ_SYS_BENCHMARK_TOPIC, 1024, PermName.PERM_READ | PermName.PERM_WRITE);
        int clusterPerm = PermName.PERM_READ | PermName.PERM_WRITE
                | (brokerConfig.isClusterTopicEnable() ? PermName.PERM_INHERIT : 0);
        system(cluster, 16, clusterPerm);
        int brokerPerm = PermName.PERM_READ | PermName.PERM_WRITE
                | (brokerConfig.isBrokerTopicEnable() ? PermName.PERM_INHERIT : 0);
        system(brokerConfig.getBrokerName(), 1, brokerPerm);
        system(TopicValidator.RMQ_SYS_OFFSET_MOVED_EVENT, 1, PermName.PERM_READ | PermName.PERM_WRITE);
        system(TopicValidator.RMQ_SYS_SCHEDULE_TOPIC, 18, PermName.PERM_READ | PermName.PERM_WRITE);
        system(cluster + "_REPLY_TOPIC", 1, PermName.PERM_READ | PermName.PERM_WRITE);
        if (brokerConfig.isTraceTopicEnable()) {
            system(brokerConfig.getMsgTraceTopicName(), 1, PermName.PERM_READ | PermName.PERM_WRITE);
        }
    }

    private void system(String topic, int queues, int perm) {
        systemTopics.add(topic);
        table.put(topic, new TopicConfig(topic, queues, queues, perm));
    }

    public TopicConfig select(String topic) {
        return table.get(topic);
    }

    public boolean isSystemTopic(String topic) {
        return systemTopics.contains(topic) || TopicValidator.isFixedSystemTopic(topic);
    }

    /** Names of the system topics registered at start. */
    public Set<String> systemTopics() {
        return Collections.unmodifiableSet(new HashSet<>(systemTopics));
    }

    public Map<String, TopicConfig> table() {
        return Collections.unmodifiableMap(table);
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    /**
     * Creates {@code topic} on the first send, from the template {@code defaultTopic} (TBW102): queue count
     * min(client's default, template's write queues), the template's perm without inherit. Null when the template is
     * missing, lacks the inherit bit, or auto-creation is off.
     */
    public synchronized TopicConfig createOnSend(String topic, String defaultTopic, int clientQueueNums,
                                                 int topicSysFlag) {
        TopicConfig existing = table.get(topic);
        if (existing != null) {
            return existing;
        }
        TopicConfig template = table.get(defaultTopic);
        if (template == null || !PermName.isInherited(template.perm)) {
            return null;
        }
        if (TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC.equals(defaultTopic)
                && !brokerConfig.isAutoCreateTopicEnable()) {
            return null;
        }
        int queues = Math.max(1, Math.min(clientQueueNums, template.writeQueueNums));
        TopicConfig tc = new TopicConfig(topic, queues, queues, template.perm & ~PermName.PERM_INHERIT);
        tc.topicFilterType = template.topicFilterType;
        tc.topicSysFlag = topicSysFlag;
        return created(tc);
    }

    /** Creates a retry or DLQ style topic if missing (used by heartbeats, send-back and retry sends). */
    public synchronized TopicConfig createIfAbsent(String topic, int queues, int perm, int topicSysFlag) {
        TopicConfig existing = table.get(topic);
        if (existing != null) {
            return existing;
        }
        TopicConfig tc = new TopicConfig(topic, queues, queues, perm);
        tc.topicSysFlag = topicSysFlag;
        return created(tc);
    }

    private TopicConfig created(TopicConfig tc) {
        table.put(tc.topicName, tc);
        LOG.info("created topic {}", tc);
        bumpAndPersist();
        onCreated.accept(tc);
        return tc;
    }

    /**
     * Slave: a replicated message names a topic (or queue) the slave's copy of the table does not know yet; make
     * it readable at once instead of waiting for the next metadata sync (the master's table replaces it then).
     */
    public void learnFromReplica(String topic, int queueId) {
        TopicConfig tc = table.get(topic);
        if (tc != null && tc.readQueueNums > queueId) {
            return;
        }
        synchronized (this) {
            tc = table.get(topic);
            if (tc == null) {
                tc = new TopicConfig(topic, queueId + 1, queueId + 1, PermName.PERM_READ | PermName.PERM_WRITE);
                table.put(topic, tc);
                LOG.info("learned topic {} from replicated data", topic);
            } else if (tc.readQueueNums <= queueId) {
                TopicConfig wider = tc.copy();
                wider.readQueueNums = queueId + 1;
                wider.writeQueueNums = Math.max(wider.writeQueueNums, queueId + 1);
                table.put(topic, wider);
            }
        }
    }

    /** Creates or replaces a topic (admin). */
    public synchronized void update(TopicConfig tc) {
        TopicConfig old = table.put(tc.topicName, tc);
        LOG.info("{} topic {}", old == null ? "created" : "updated", tc);
        bumpAndPersist();
    }

    /** Removes a topic (admin); true if it existed. */
    public synchronized boolean delete(String topic) {
        TopicConfig old = table.remove(topic);
        if (old != null) {
            LOG.info("deleted topic {}", old);
            bumpAndPersist();
        }
        return old != null;
    }

    /** Replaces the whole table with a master's (slave metadata sync); keeps our own system topics. */
    public synchronized void replaceAll(TopicConfigSerializeWrapper master) {
        table.putAll(master.topicConfigTable);
        table.keySet().removeIf(t -> !master.topicConfigTable.containsKey(t) && !systemTopics.contains(t));
        dataVersion = master.dataVersion;
        persist();
    }

    /** Sets or clears the order flag from the NameServer's ORDER_TOPIC_CONFIG table. */
    public synchronized void updateOrderFlags(Map<String, String> orderTopics) {
        boolean changed = false;
        for (TopicConfig tc : table.values()) {
            boolean order = orderTopics != null && orderTopics.containsKey(tc.topicName);
            if (tc.order != order) {
                tc.order = order;
                changed = true;
            }
        }
        if (changed) {
            bumpAndPersist();
        }
    }

    /** A snapshot for registration and GET_ALL_TOPIC_CONFIG. */
    public TopicConfigSerializeWrapper snapshot() {
        TopicConfigSerializeWrapper w = new TopicConfigSerializeWrapper();
        table.forEach((k, v) -> w.topicConfigTable.put(k, v.copy()));
        w.dataVersion = dataVersion;
        return w;
    }

    /**
     * Just {@code topic} (if it exists) under a data version no registration has carried yet: an incremental
     * registration. A NameServer applies a broker's topics only when the version differs from the last one it
     * saw, so two increments sent with the same version (two topics created concurrently) would lose the second.
     */
    public synchronized TopicConfigSerializeWrapper snapshotOfWithNewVersion(String topic) {
        dataVersion = dataVersion.next();
        TopicConfigSerializeWrapper w = new TopicConfigSerializeWrapper();
        TopicConfig tc = table.get(topic);
        if (tc != null) {
            w.topicConfigTable.put(topic, tc.copy());
        }
        w.dataVersion = dataVersion;
        return w;
    }

    /**
     * A new data version for a table whose announced form changed while no topic did (the broker's permission):
     * NameServers apply a registration only when its version is new to them.
     */
    public synchronized void nextVersion() {
        bumpAndPersist();
    }

    private void bumpAndPersist() {
        dataVersion = dataVersion.next();
        persist();
    }

    public void persist() {
        file.store(snapshot());
    }
}
