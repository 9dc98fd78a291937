package io.tidemq.broker.subscription;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.util.JsonConfigFile;
import io.tidemq.common.DataVersion;
import io.tidemq.common.protocol.body.SubscriptionGroupWrapper;
import io.tidemq.common.subscription.SubscriptionGroupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Consumer-group settings (config/subscriptionGroup.json), created on demand when auto-creation is on. */
public final class SubscriptionGroupManager {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupManager.class);
    private static final String[] PRESET_GROUPS = {"TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "SELF_TEST_C_GROUP",
        "CID_ONS-HTTP-PROXY", "CID_ONSAPI_PULL", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER"};

    private final BrokerConfig brokerConfig;
    private final JsonConfigFile<SubscriptionGroupWrapper> file;
    private final ConcurrentHashMap<String, SubscriptionGroupConfig> table = new ConcurrentHashMap<>();
    private volatile DataVersion dataVersion = new DataVersion();

    public SubscriptionGroupManager(BrokerConfig brokerConfig, Path configDir) {
        this.brokerConfig = brokerConfig;
        this.file = new JsonConfigFile<>(configDir.resolve("subscriptionGroup.json"), SubscriptionGroupWrapper.class);
    }

    public void load() {
        SubscriptionGroupWrapper stored = file.load();
        if (stored != null) {
            table.putAll(stored.subscriptionGroupTable);
            if (stored.dataVersion != null) {
                dataVersion = stored.dataVersion;
            }
        }
        for (String g : PRESET_GROUPS) {
            table.putIfAbsent(g, new SubscriptionGroupConfig(g));
        }
    }

    /** The group's config, auto-created when allowed; null when unknown and auto-creation is off. */
    public SubscriptionGroupConfig findOrCreate(String group) {
        SubscriptionGroupConfig cfg = table.get(group);
        if (cfg != null || !brokerConfig.isAutoCreateSubscriptionGroup()) {
            return cfg;
        }
        SubscriptionGroupConfig fresh = new SubscriptionGroupConfig(group);
        SubscriptionGroupConfig prev = table.putIfAbsent(group, fresh);
        if (prev != null) {
            return prev;
        }
        LOG.info("auto-created subscription group {}", group);
        bumpAndPersist();
        return fresh;
    }

    public SubscriptionGroupConfig find(String group) {
        return table.get(group);
    }

    public void update(SubscriptionGroupConfig cfg) {
        table.put(cfg.groupName, cfg);
        LOG.info("updated subscription group {}", cfg.groupName);
        bumpAndPersist();
    }

    /** Sets consumeEnable=false on the group (slow-consumer protection); false when it is unknown or off already. */
    public boolean disableConsume(String group) {
        SubscriptionGroupConfig cfg = table.get(group);
        if (cfg == null || !cfg.consumeEnable) {
            return false;
        }
        cfg.consumeEnable = false;
        bumpAndPersist();
        return true;
    }

    public boolean delete(String group) {
        boolean removed = table.remove(group) != null;
        if (removed) {
            bumpAndPersist();
        }
        return removed;
    }

    public Map<String, SubscriptionGroupConfig> table() {
        return Collections.unmodifiableMap(table);
    }

    public SubscriptionGroupWrapper snapshot() {
        SubscriptionGroupWrapper w = new SubscriptionGroupWrapper();
        w.subscriptionGroupTable.putAll(table);
        w.dataVersion = dataVersion;
        return w;
    }

    /** Replaces the table with a master's (slave metadata sync). */
    public synchronized void replaceAll(SubscriptionGroupWrapper master) {
        table.clear();
        table.putAll(master.subscriptionGroupTable);
        dataVersion = master.dataVersion;
        persist();
    }

    public DataVersion dataVersion() {
        return dataVersion;
    }

    private synchronized void bumpAndPersist() {
        dataVersion = dataVersion.next();
        persist();
    }

    public void persist() {
        file.store(snapshot());
    }
}
