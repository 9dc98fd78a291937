package io.tidemq.broker.startup;

import io.tidemq.config.ConfigBinder;
import io.tidemq.config.ConfigException;
import io.tidemq.config.PropertiesFileEditor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * UPDATE_BROKER_CONFIG ({@code mqadmin updateBrokerConfig}): all or nothing. Every entry is checked first (unknown
 * key, bad or refused value, a key that cannot change while the broker runs, the combined result failing
 * validation on a copy); only when all pass are they applied to the running broker and written into its
 * {@code -c} file, keeping the rest of that file as it was. Thread-safe (one update at a time).
 */
public final class RuntimeConfigUpdate {
    private final BrokerConfiguration config;

    public RuntimeConfigUpdate(BrokerConfiguration config) {
        this.config = config;
    }

    /**
     * Applies {@code props} and returns the keys whose value changed.
     *
     * @throws ConfigException naming every entry that cannot be applied; nothing is changed then
     * @throws UncheckedIOException when the change is applied but the file cannot be written
     */
    public synchronized List<String> apply(Properties props) {
        ConfigBinder live = config.binder;
        BrokerConfiguration trial = config.copy();
        Map<String, String> changes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String rawKey : new TreeSet<>(props.stringPropertyNames())) {
            String key = rawKey.trim();
            ConfigBinder.KeyInfo info = live.info(key);
            if (info == null) {
                problems.add(live.unknownKeyMessage(key));
                continue;
            }
            try {
                trial.binder.set(key, props.getProperty(rawKey));
            } catch (ConfigException e) {
                problems.add(e.getMessage());
                continue;
            }
            String value = trial.binder.get(key);
            if (Objects.equals(value, live.get(key))) {
                continue;
            }
            if (!info.meta().live() && info.hasEffect()) {
                problems.add("config key '" + key + "' cannot change while the broker runs; set it in the "
                        + "broker's config file and restart");
            } else {
                changes.put(key, value);
            }
        }
        ConfigException.throwIfAny(problems);
        if (changes.isEmpty()) {
            return List.of();
        }
        trial.validate();
        changes.forEach(live::set);
        try {
            PropertiesFileEditor.update(config.persistenceFile(), changes);
        } catch (IOException e) {
            throw new UncheckedIOException("applied " + changes.keySet() + " but could not write "
                    + config.persistenceFile() + ": " + e.getMessage(), e);
        }
        return List.copyOf(changes.keySet());
    }
}
