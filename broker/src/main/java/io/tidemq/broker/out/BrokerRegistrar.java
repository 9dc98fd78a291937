package io.tidemq.broker.out;

import io.tidemq.broker.client.FilterServerTable;
import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.role.BrokerRoleManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.broker.util.Tasks;
import io.tidemq.common.protocol.body.TopicConfigSerializeWrapper;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This broker's registration with the NameServers: at boot (retried until every NameServer answered and, on a
 * slave, the master is known), periodically, after a role switch, for each created or changed topic, and the
 * unregistration at shutdown. Learns the master's addresses from the answers and follows an address server when
 * no NameServer list is configured.
 */
public final class BrokerRegistrar implements NameServerRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRegistrar.class);

    private final BrokerConfig config;
    private final BrokerOuterAPI outerAPI;
    private final TopicConfigManager topics;
    private final FilterServerTable filterServers;
    private final BrokerRoleManager roles;
    private final ScheduledExecutorService scheduler;
    private final String brokerAddr;
    private final String haServerAddr;
    private volatile String masterAddr;

    public BrokerRegistrar(BrokerConfig config, BrokerOuterAPI outerAPI, TopicConfigManager topics,
                           FilterServerTable filterServers, BrokerRoleManager roles, ScheduledExecutorService scheduler,
                           String brokerAddr, String haServerAddr) {
        this.config = config;
        this.outerAPI = outerAPI;
        this.topics = topics;
        this.filterServers = filterServers;
        this.roles = roles;
        this.scheduler = scheduler;
        this.brokerAddr = brokerAddr;
        this.haServerAddr = haServerAddr;
    }

    /** Registers now (retrying while needed) and schedules the periodic registration. */
    public void start() {
        followAddressServer();
        registerUntilComplete();
        int period = Math.max(10_000, Math.min(60_000, config.getRegisterNameServerPeriod()));
        scheduler.scheduleAtFixedRate(() -> Tasks.safely(LOG, "register", this::registerPeriodically),
                Math.min(10_000, period), period, TimeUnit.MILLISECONDS);
    }

    /** After a role switch: the old master may be gone or be this broker; register under the new id at once. */
    public void roleChanged() {
        masterAddr = null;
        scheduler.execute(() -> Tasks.safely(LOG, "register (role switch)", this::registerUntilComplete));
    }

    /** Tells every NameServer that this broker is leaving. */
    public void unregister() {
        try {
            outerAPI.unregisterBrokerAll(config.getBrokerClusterName(), brokerAddr, config.getBrokerName(),
                    roles.brokerId());
        } catch (RuntimeException e) {
            LOG.warn("unregister failed", e);
        }
    }

    /** The master's address as the NameServers report it (null while unknown, or when this broker is master). */
    public String masterAddr() {
        return masterAddr;
    }

    @Override
    public void registerAll() {
        registerBrokerAll(false);
    }

    @Override
    public void registerTopic(String topic) {
        registerTopic(topic, false);
    }

    /** Registers the full topic table with every NameServer; returns how many answered. */
    public synchronized int registerBrokerAll(boolean oneway) {
        return register(topics.snapshot(), oneway);
    }

    /**
     * Registers one created or changed topic with every NameServer, with the table's new data version (as Apache
     * does): re-sending the whole table for each of thousands of created topics made creation quadratic.
     */
    public synchronized void registerTopic(String topic, boolean oneway) {
        // the new version is taken under this object's lock, so registrations leave in version order
        register(topics.snapshotOfWithNewVersion(topic), oneway);
    }

    private void registerUntilComplete() {
        if (!registeredEverywhere(registerBrokerAll(false))) {
            retryRegistration();
        }
    }

    /**
     * fetchNamesrvAddrByAddressServer without namesrvAddr: the NameServer list comes from the address server, once
     * now and every 2 minutes as in Apache; a changed list is registered with at once.
     */
    private void followAddressServer() {
        String configured = config.getNamesrvAddr();
        if (!config.isFetchNamesrvAddrByAddressServer() || (configured != null && !configured.isBlank())) {
            return;
        }
        AddressServerClient addressServer = new AddressServerClient(config.getRmqAddressServerDomain(),
                config.getRmqAddressServerSubGroup());
        Runnable fetch = () -> {
            String list = addressServer.fetch();
            if (list != null && !BrokerOuterAPI.parseAddrs(list).equals(outerAPI.namesrvAddrs())) {
                LOG.info("NameServer list from the address server {}: {}", addressServer.uri(), list);
                outerAPI.updateNamesrvAddrs(list);
                scheduler.execute(() -> Tasks.safely(LOG, "register (new NameServer list)",
                        () -> registerBrokerAll(false)));
            }
        };
        fetch.run();
        scheduler.scheduleAtFixedRate(() -> Tasks.safely(LOG, "fetch NameServer list", fetch), 2, 2,
                TimeUnit.MINUTES);
    }

    /**
     * The periodic registration: always with forceRegister (the default), otherwise only when some NameServer holds
     * an older topic table, as Apache does (the version query keeps the broker alive there meanwhile).
     */
    private synchronized void registerPeriodically() {
        if (!config.isForceRegister() && !outerAPI.namesrvAddrs().isEmpty()
                && !outerAPI.needRegister(config.getBrokerClusterName(), brokerAddr, config.getBrokerName(),
                        roles.brokerId(), topics.dataVersion(), config.getRegisterBrokerTimeoutMills())) {
            return;
        }
        registerBrokerAll(false);
    }

    /** Every NameServer answered, and a slave has learnt its master's address. */
    private boolean registeredEverywhere(int answered) {
        return answered >= outerAPI.namesrvAddrs().size() && (!roles.isSlave() || masterAddr != null);
    }

    /**
     * When servers of a cluster start together, a NameServer may not listen yet, or a slave may register before
     * its master: then retry every second for up to 30 s rather than leave it to the periodic registration.
     */
    private void retryRegistration() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(scheduler.scheduleWithFixedDelay(() -> Tasks.safely(LOG, "register (retry)", () -> {
            if (registeredEverywhere(registerBrokerAll(false)) || attempts.incrementAndGet() >= 30) {
                task.get().cancel(false);
            }
        }), 1000, 1000, TimeUnit.MILLISECONDS));
    }

    private synchronized int register(TopicConfigSerializeWrapper table, boolean oneway) {
        if (outerAPI.namesrvAddrs().isEmpty()) {
            return 0;
        }
        TopicConfigSerializeWrapper announced = withBrokerPermission(table, config.getBrokerPermission());
        List<RegisterResult> results = outerAPI.registerBrokerAll(config.getBrokerClusterName(), brokerAddr,
                config.getBrokerName(), roles.brokerId(), haServerAddr, announced, filterServers.addresses(), oneway,
                config.getRegisterBrokerTimeoutMills(), config.isCompressedRegister(),
                config.controllerMode().isEnableControllerMode() && !roles.isSlave()
                        ? (Integer) (int) roles.state().epoch() : null);
        for (RegisterResult r : results) {
            if (r.masterAddr() != null) {
                masterAddr = r.masterAddr();
            }
            if (roles.isSlave()) {
                roles.masterHaAddressLearned(r.haServerAddr());
            }
            topics.updateOrderFlags(r.orderTopics());
            break;
        }
        return results.size();
    }

    /**
     * A broker made read-only or write-only (brokerPermission) announces every topic with that permission, as Apache
     * does, so that clients routed by the NameServer stop sending to (or pulling from) it.
     */
    static TopicConfigSerializeWrapper withBrokerPermission(TopicConfigSerializeWrapper table, int brokerPermission) {
        if (PermName.isWriteable(brokerPermission) && PermName.isReadable(brokerPermission)) {
            return table;
        }
        TopicConfigSerializeWrapper restricted = new TopicConfigSerializeWrapper();
        restricted.dataVersion = table.dataVersion;
        table.topicConfigTable.forEach((name, c) -> {
            TopicConfig copy = c.copy();
            copy.perm = brokerPermission;
            restricted.topicConfigTable.put(name, copy);
        });
        return restricted;
    }
}
