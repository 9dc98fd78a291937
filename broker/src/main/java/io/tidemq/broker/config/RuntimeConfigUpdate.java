package io.tidemq.broker.config;

import io.tidemq.config.ConfigBinder;
import io.tidemq.config.ConfigException;
import io.tidemq.config.PropertiesFileEditor;
import io.tidemq.store.BrokerRole;

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
 * {@code -c} file, keeping the rest of that file as it was. A change of {@code brokerRole} or {@code brokerId}
 * switches the running broker through its role owner first; a switch that fails changes nothing. Thread-safe (one
 * update at a time).
 */
public final class RuntimeConfigUpdate {
    private static final String ROLE = "brokerRole";
    private static final String ID = "brokerId";

    private final BrokerConfiguration config;
    private volatile RoleSwitch roleSwitch;

    /** Switches the running broker's role; throws, naming the cause, when it cannot. */
    @FunctionalInterface
    public interface RoleSwitch {
        void switchTo(BrokerRole role, long brokerId);
    }

    public RuntimeConfigUpdate(BrokerConfiguration config) {
        this.config = config;
    }

    /** Who switches the role at runtime; without one, role changes are refused. */
    public void setRoleSwitch(RoleSwitch roleSwitch) {
        this.roleSwitch = roleSwitch;
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
        boolean roleChange = changes.containsKey(ROLE) || changes.containsKey(ID);
        if (roleChange) {
            deriveBrokerId(trial, changes);
        }
        trial.validate();
        if (roleChange) {
            switchRole(trial);
        }
        changes.forEach(live::set);
        try {
            PropertiesFileEditor.update(config.persistenceFile(), changes);
        } catch (IOException e) {
            throw new UncheckedIOException("applied " + changes.keySet() + " but could not write "
                    + config.persistenceFile() + ": " + e.getMessage(), e);
        }
        return List.copyOf(changes.keySet());
    }

    /**
     * The rule of the start-up configuration, applied to a switch: a master registers as brokerId 0; a master made
     * a slave without a brokerId of its own becomes brokerId 1 (the usual id of a pair's slave).
     */
    private void deriveBrokerId(BrokerConfiguration trial, Map<String, String> changes) {
        if (trial.store.getBrokerRole().isMaster() && trial.broker.getBrokerId() != 0 && changes.containsKey(ID)) {
            throw new ConfigException("a master registers as brokerId 0; to make this broker a slave, set brokerRole"
                    + "=SLAVE (with the brokerId it should have)");
        }
        long derived = trial.store.getBrokerRole().isMaster() ? 0 : trial.broker.getBrokerId() > 0
                ? trial.broker.getBrokerId() : 1;
        if (derived != trial.broker.getBrokerId()) {
            trial.binder.set(ID, Long.toString(derived));
        }
        String id = trial.binder.get(ID);
        if (!id.equals(config.binder.get(ID))) {
            changes.put(ID, id);
        } else {
            changes.remove(ID);
        }
    }

    private void switchRole(BrokerConfiguration trial) {
        RoleSwitch s = roleSwitch;
        if (s == null) {
            throw new ConfigException("config key 'brokerRole' cannot change while the broker runs; set it in the "
                    + "broker's config file and restart");
        }
        try {
            s.switchTo(trial.store.getBrokerRole(), trial.broker.getBrokerId());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ConfigException("cannot switch to " + trial.store.getBrokerRole() + " (brokerId "
                    + trial.broker.getBrokerId() + "): " + e.getMessage());
        }
    }
}
