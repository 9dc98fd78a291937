package io.tidemq.namesrv.route;

import io.tidemq.common.DataVersion;
import io.tidemq.common.protocol.body.ClusterInfo;
import io.tidemq.common.protocol.body.TopicConfigSerializeWrapper;
import io.tidemq.common.protocol.body.TopicList;
import io.tidemq.common.protocol.route.BrokerData;
import io.tidemq.common.protocol.route.QueueData;
import io.tidemq.common.protocol.route.TopicRouteData;
import io.tidemq.common.topic.PermName;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.remoting.RemoteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The NameServer's route tables (protocol.md 3.1): topic to queues, broker name to addresses, cluster to broker
 * names, broker address to liveness. All public methods are thread-safe: readers share a read lock, every change
 * takes the write lock, and nothing mutable leaves this class (answers are copies).
 */
public final class RouteInfoManager {
    private static final Logger log = LoggerFactory.getLogger(RouteInfoManager.class);

    /** topicSysFlag bits (unit topics, topics with unit subscriptions). */
    private static final int FLAG_UNIT = 1;
    private static final int FLAG_UNIT_SUB = 1 << 1;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, List<QueueData>> topicQueueTable = new HashMap<>();
    private final Map<String, BrokerData> brokerAddrTable = new HashMap<>();
    private final Map<String, Set<String>> clusterAddrTable = new HashMap<>();
    private final Map<String, BrokerLiveInfo> brokerLiveTable = new HashMap<>();
    private final Map<String, List<String>> filterServerTable = new HashMap<>();
    private final Clock clock;
    private final long brokerExpiredMillis;

    private final MasterEpochs masterEpochs = new MasterEpochs();

    /**
     * @param clock               source of "now" for liveness (tests pass a fake one)
     * @param brokerExpiredMillis a broker silent for longer than this is removed by {@link #scanNotActiveBrokers}
     */
    public RouteInfoManager(Clock clock, long brokerExpiredMillis) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.brokerExpiredMillis = brokerExpiredMillis;
    }

    /** The newest master epoch per broker name (controller mode), which registrations are checked against. */
    public MasterEpochs masterEpochs() {
        return masterEpochs;
    }

    /**
     * Records a broker's registration (protocol.md 3.2): its address under its broker name and cluster, its topics'
     * queues (masters only, and only when the DataVersion changed or this address is new), its liveness and its
     * filter servers. For a slave whose master is live the result carries the master's address and HA address.
     */
    public RegisterBrokerResult registerBroker(BrokerIdentity broker, String haServerAddr,
                                               TopicConfigSerializeWrapper topics, List<String> filterServerList,
                                               RemoteChannel channel) {
        return registerBroker(broker, haServerAddr, topics, filterServerList, channel, null);
    }

    /**
     * As above, for a master in controller mode announcing its master epoch: a master of an older epoch than one
     * already registered under the broker name (a deposed master that has not learnt it yet) is refused, so the
     * route never points clients back at it. Returns null when refused.
     */
    public RegisterBrokerResult registerBroker(BrokerIdentity broker, String haServerAddr,
                                               TopicConfigSerializeWrapper topics, List<String> filterServerList,
                                               RemoteChannel channel, Integer masterEpoch) {
        lock.writeLock().lock();
        try {
            if (broker.isMaster() && masterEpoch != null
                    && !masterEpochs.admit(broker.brokerName(), broker.brokerAddr(), masterEpoch)) {
                return null;
            }
            clusterAddrTable.computeIfAbsent(broker.clusterName(), c -> new HashSet<>()).add(broker.brokerName());

            BrokerData brokerData = brokerAddrTable.get(broker.brokerName());
            boolean firstRegistration = brokerData == null;
            if (brokerData == null) {
                brokerData = new BrokerData(broker.clusterName(), broker.brokerName(), Map.of());
                brokerAddrTable.put(broker.brokerName(), brokerData);
            }
            // one address has one id: a slave promoted to master re-registers its address under id 0
            brokerData.brokerAddrs.entrySet().removeIf(e -> e.getValue().equals(broker.brokerAddr())
                    && e.getKey() != broker.brokerId());
            String previousAddr = brokerData.brokerAddrs.put(broker.brokerId(), broker.brokerAddr());
            firstRegistration |= previousAddr == null;

            DataVersion version = topics.dataVersion;
            if (broker.isMaster() && (firstRegistration || dataVersionChanged(broker.brokerAddr(), version))) {
                for (TopicConfig tc : topics.topicConfigTable.values()) {
                    upsertQueueData(broker.brokerName(), tc);
                }
            }

            BrokerLiveInfo previous = brokerLiveTable.put(broker.brokerAddr(),
                    new BrokerLiveInfo(clock.millis(), version, channel, haServerAddr));
            if (previous == null) {
                log.info("new broker registered: {} {} HA server {}", broker.brokerName(), broker.brokerAddr(),
                        haServerAddr);
            }

            if (filterServerList != null) {
                if (filterServerList.isEmpty()) {
                    filterServerTable.remove(broker.brokerAddr());
                } else {
                    filterServerTable.put(broker.brokerAddr(), List.copyOf(filterServerList));
                }
            }

            if (!broker.isMaster()) {
                String masterAddr = brokerData.brokerAddrs.get(BrokerIdentity.MASTER_ID);
                BrokerLiveInfo master = masterAddr == null ? null : brokerLiveTable.get(masterAddr);
                if (master != null) {
                    return new RegisterBrokerResult(master.haServerAddr, masterAddr);
                }
            }
            return RegisterBrokerResult.NONE;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes one broker address (sent by a broker shutting down) and whatever only it kept alive. */
    public void unregisterBroker(BrokerIdentity broker) {
        lock.writeLock().lock();
        try {
            BrokerLiveInfo live = brokerLiveTable.remove(broker.brokerAddr());
            filterServerTable.remove(broker.brokerAddr());
            log.info("unregister broker {} {} id {} (was live: {})", broker.brokerName(), broker.brokerAddr(),
                    broker.brokerId(), live != null);
            BrokerData brokerData = brokerAddrTable.get(broker.brokerName());
            if (brokerData != null) {
                brokerData.brokerAddrs.remove(broker.brokerId());
                if (brokerData.brokerAddrs.isEmpty()) {
                    removeBrokerName(broker.brokerName());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Compares a broker's DataVersion with the stored one (QUERY_DATA_VERSION); an unchanged version counts as a
     * sign of life and refreshes the broker's timestamp.
     */
    public DataVersionCheck checkDataVersion(String brokerAddr, DataVersion version) {
        lock.writeLock().lock();
        try {
            BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
            boolean changed = live == null || !Objects.equals(live.dataVersion, version);
            if (!changed) {
                live.lastUpdateTimestamp = clock.millis();
            }
            return new DataVersionCheck(changed, live == null ? null : live.dataVersion);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The route of {@code topic}, or null when no registered broker serves it. */
    public TopicRouteData pickupTopicRouteData(String topic) {
        lock.readLock().lock();
        try {
            List<QueueData> queues = topicQueueTable.get(topic);
            if (queues == null) {
                return null;
            }
            TopicRouteData route = new TopicRouteData();
            Set<String> brokerNames = new LinkedHashSet<>();
            for (QueueData qd : queues) {
                route.queueDatas.add(copy(qd));
                brokerNames.add(qd.brokerName);
            }
            for (String name : brokerNames) {
                BrokerData bd = brokerAddrTable.get(name);
                if (bd == null) {
                    continue;
                }
                route.brokerDatas.add(bd.copy());
                for (String addr : bd.brokerAddrs.values()) {
                    List<String> filters = filterServerTable.get(addr);
                    if (filters != null) {
                        route.filterServerTable.put(addr, new ArrayList<>(filters));
                    }
                }
            }
            return route.brokerDatas.isEmpty() ? null : route;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every broker name with its addresses, and every cluster with its broker names. */
    public ClusterInfo clusterInfo() {
        lock.readLock().lock();
        try {
            ClusterInfo info = new ClusterInfo();
            brokerAddrTable.forEach((name, bd) -> info.brokerAddrTable.put(name, bd.copy()));
            clusterAddrTable.forEach((cluster, names) -> info.clusterAddrTable.put(cluster, new TreeSet<>(names)));
            return info;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every topic that has queues on some broker. */
    public TopicList allTopics() {
        lock.readLock().lock();
        try {
            return new TopicList(new TreeSet<>(topicQueueTable.keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Topics with queues on a broker of {@code cluster}; empty for an unknown cluster. */
    public TopicList topicsByCluster(String cluster) {
        lock.readLock().lock();
        try {
            Set<String> names = clusterAddrTable.getOrDefault(cluster, Set.of());
            Set<String> topics = new TreeSet<>();
            topicQueueTable.forEach((topic, queues) -> {
                if (queues.stream().anyMatch(qd -> names.contains(qd.brokerName))) {
                    topics.add(topic);
                }
            });
            return new TopicList(topics);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The topics named after clusters and brokers (every broker creates them), plus the address of one broker the
     * client may ask for the rest (GET_SYSTEM_TOPIC_LIST_FROM_NS).
     */
    public TopicList systemTopics() {
        lock.readLock().lock();
        try {
            Set<String> topics = new TreeSet<>();
            clusterAddrTable.forEach((cluster, names) -> {
                topics.add(cluster);
                topics.addAll(names);
            });
            TopicList list = new TopicList(topics);
            for (BrokerData bd : brokerAddrTable.values()) {
                if (!bd.brokerAddrs.isEmpty()) {
                    list.brokerAddr = bd.brokerAddrs.values().iterator().next();
                    break;
                }
            }
            return list;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Topics whose (first) queue entry has the unit flag. */
    public TopicList unitTopics() {
        return topicsWhoseFlags(flag -> (flag & FLAG_UNIT) != 0);
    }

    /** Topics whose (first) queue entry has the unit-subscription flag. */
    public TopicList hasUnitSubTopics() {
        return topicsWhoseFlags(flag -> (flag & FLAG_UNIT_SUB) != 0);
    }

    /** Topics with the unit-subscription flag but without the unit flag. */
    public TopicList hasUnitSubUnUnitTopics() {
        return topicsWhoseFlags(flag -> (flag & FLAG_UNIT) == 0 && (flag & FLAG_UNIT_SUB) != 0);
    }

    private TopicList topicsWhoseFlags(IntPredicate test) {
        lock.readLock().lock();
        try {
            Set<String> topics = new TreeSet<>();
            topicQueueTable.forEach((topic, queues) -> {
                if (!queues.isEmpty() && test.test(queues.get(0).topicSysFlag)) {
                    topics.add(topic);
                }
            });
            return new TopicList(topics);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Forgets a topic's queues (brokers keep their own config; they re-add it only if it changes). */
    public void deleteTopic(String topic) {
        lock.writeLock().lock();
        try {
            topicQueueTable.remove(topic);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Clears the write bit of every queue entry of {@code brokerName}; returns how many entries it touched. */
    public int wipeWritePermOfBroker(String brokerName) {
        return changePermOfBroker(brokerName, perm -> perm & ~PermName.PERM_WRITE);
    }

    /** Sets read-write permission on every queue entry of {@code brokerName}; returns how many entries it touched. */
    public int addWritePermOfBroker(String brokerName) {
        return changePermOfBroker(brokerName, perm -> PermName.PERM_READ | PermName.PERM_WRITE);
    }

    private int changePermOfBroker(String brokerName, IntUnaryOperator change) {
        lock.writeLock().lock();
        try {
            int count = 0;
            for (List<QueueData> queues : topicQueueTable.values()) {
                for (QueueData qd : queues) {
                    if (qd.brokerName.equals(brokerName)) {
                        qd.perm = change.applyAsInt(qd.perm);
                        count++;
                    }
                }
            }
            return count;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Removes every broker whose last sign of life is older than the expiry time, closing its connection, and
     * returns their addresses. Called periodically by the controller.
     */
    public List<String> scanNotActiveBrokers() {
        List<RemoteChannel> toClose = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        lock.writeLock().lock();
        try {
            long now = clock.millis();
            Iterator<Map.Entry<String, BrokerLiveInfo>> it = brokerLiveTable.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, BrokerLiveInfo> e = it.next();
                if (e.getValue().lastUpdateTimestamp + brokerExpiredMillis < now) {
                    it.remove();
                    expired.add(e.getKey());
                    if (e.getValue().channel != null) {
                        toClose.add(e.getValue().channel);
                    }
                }
            }
            for (String addr : expired) {
                log.warn("broker {} sent nothing for {} ms, removing it", addr, brokerExpiredMillis);
                removeBrokerAddress(addr);
            }
        } finally {
            lock.writeLock().unlock();
        }
        toClose.forEach(RemoteChannel::close);
        return expired;
    }

    /**
     * A connection closed, failed or idled out: the broker that registered over it (or, failing that, the broker
     * whose address is {@code remoteAddr}) is removed at once.
     */
    public void onChannelDestroy(String remoteAddr, RemoteChannel channel) {
        lock.writeLock().lock();
        try {
            String brokerAddr = null;
            if (channel != null) {
                for (Map.Entry<String, BrokerLiveInfo> e : brokerLiveTable.entrySet()) {
                    if (channel.equals(e.getValue().channel)) {
                        brokerAddr = e.getKey();
                        break;
                    }
                }
            }
            if (brokerAddr == null) {
                brokerAddr = remoteAddr;
            } else {
                log.info("connection of broker {} closed, removing it at once", brokerAddr);
            }
            if (brokerAddr == null || brokerAddr.isEmpty()) {
                return;
            }
            brokerLiveTable.remove(brokerAddr);
            removeBrokerAddress(brokerAddr);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Addresses of all brokers currently considered live. */
    public Set<String> liveBrokerAddrs() {
        lock.readLock().lock();
        try {
            return new TreeSet<>(brokerLiveTable.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The last time (clock millis) {@code brokerAddr} registered, or -1 if it is not live. */
    public long lastUpdateTimestamp(String brokerAddr) {
        lock.readLock().lock();
        try {
            BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
            return live == null ? -1 : live.lastUpdateTimestamp;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- helpers, all called with the write lock held ----

    private boolean dataVersionChanged(String brokerAddr, DataVersion version) {
        BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
        return live == null || !Objects.equals(live.dataVersion, version);
    }

    private void upsertQueueData(String brokerName, TopicConfig tc) {
        QueueData fresh = new QueueData(brokerName, tc.readQueueNums, tc.writeQueueNums, tc.perm, tc.topicSysFlag);
        List<QueueData> queues = topicQueueTable.get(tc.topicName);
        if (queues == null) {
            queues = new ArrayList<>();
            queues.add(fresh);
            topicQueueTable.put(tc.topicName, queues);
            log.info("new topic registered: {} on {}", tc.topicName, brokerName);
            return;
        }
        boolean unchanged = false;
        Iterator<QueueData> it = queues.iterator();
        while (it.hasNext()) {
            QueueData qd = it.next();
            if (qd.brokerName.equals(brokerName)) {
                if (qd.equals(fresh)) {
                    unchanged = true;
                } else {
                    log.info("topic {} changed on {}: perm {} queues {}/{}", tc.topicName, brokerName,
                            PermName.toText(fresh.perm), fresh.readQueueNums, fresh.writeQueueNums);
                    it.remove();
                }
            }
        }
        if (!unchanged) {
            queues.add(fresh);
        }
    }

    /** Drops the address from its BrokerData; a BrokerData left empty takes its name, cluster slot and queues along. */
    private void removeBrokerAddress(String brokerAddr) {
        filterServerTable.remove(brokerAddr);
        for (BrokerData bd : brokerAddrTable.values()) {
            if (bd.brokerAddrs.values().remove(brokerAddr)) {
                log.info("removed broker address {} of {}", brokerAddr, bd.brokerName);
                if (bd.brokerAddrs.isEmpty()) {
                    removeBrokerName(bd.brokerName);
                }
                return;
            }
        }
    }

    private void removeBrokerName(String brokerName) {
        brokerAddrTable.remove(brokerName);
        clusterAddrTable.values().forEach(names -> names.remove(brokerName));
        clusterAddrTable.values().removeIf(Set::isEmpty);
        Iterator<Map.Entry<String, List<QueueData>>> it = topicQueueTable.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, List<QueueData>> e = it.next();
            e.getValue().removeIf(qd -> qd.brokerName.equals(brokerName));
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        log.info("broker {} has no address left: removed it and its queues", brokerName);
    }

    private static QueueData copy(QueueData qd) {
        return new QueueData(qd.brokerName, qd.readQueueNums, qd.writeQueueNums, qd.perm, qd.topicSysFlag);
    }
}
