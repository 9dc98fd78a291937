package io.tidemq.broker.processor;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.tidemq.broker.client.Broker2Client;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.broker.client.ProducerManager;
import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.filter.SubscriptionFilters;
import io.tidemq.broker.metrics.BrokerMetrics;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.out.NameServerRegistration;
import io.tidemq.broker.role.BrokerRoleManager;
import io.tidemq.broker.role.MasterDuties;
import io.tidemq.broker.role.ReplicationGate;
import io.tidemq.broker.role.RoleState;
import io.tidemq.broker.role.SlaveDuties;
import io.tidemq.broker.schedule.MessagePutter;
import io.tidemq.broker.stats.BrokerStats;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.broker.transaction.TransactionalMessageService;
import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageExt;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.BrokerRole;
import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.DelayLevels;
import io.tidemq.store.MessageStoreConfig;
import io.tidemq.testing.MutableClock;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the processors use, built for one test without servers or the controller: the real managers and a real store
 * in a temporary folder (tiny files, asynchronous flush, a clock the test moves), the role owner in a given role
 * (its duties never started), and a registration that records what it was asked to announce.
 */
final class ProcessorFixture implements AutoCloseable {
    static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);
    static final long START = 1_700_000_000_000L;

    final MutableClock clock = new MutableClock(START);
    final BrokerConfig config = new BrokerConfig();
    final MessageStoreConfig storeConfig = new MessageStoreConfig();
    final DefaultMessageStore store;
    final TopicConfigManager topics;
    final SubscriptionGroupManager groups;
    final ConsumerOffsetManager offsets;
    final Broker2Client toClients = new Broker2Client();
    final ConsumerManager consumers = new ConsumerManager(toClients, 120_000);
    final ProducerManager producers = new ProducerManager(120_000);
    final BrokerStats stats = new BrokerStats("DefaultCluster");
    final BrokerMetrics metrics = new BrokerMetrics(new CompositeMeterRegistry(), "DefaultCluster", "broker-test");
    final List<String> announced = new CopyOnWriteArrayList<>();
    final NameServerRegistration registration = new NameServerRegistration() {
        @Override
        public void registerAll() {
            announced.add("*");
        }

        @Override
        public void registerTopic(String topic) {
            announced.add(topic);
        }
    };
    final BrokerRoleManager roles;
    final BrokerMetadata meta;
    final StoreAccess access;
    final ConnectedClients clients;
    final MessagePutter putter;
    final SendSupport sendSupport;
    final TransactionalMessageService transactions;

    ProcessorFixture(Path dir, BrokerRole role) {
        config.setBrokerName("broker-test");
        config.setBrokerIP1("127.0.0.1");
        storeConfig.setStorePathRootDir(dir.resolve("store").toString());
        storeConfig.setMappedFileSizeCommitLog(256 * 1024);
        storeConfig.setMappedFileSizeConsumeQueue(1000 * 20);
        storeConfig.index().setMaxHashSlotNum(64);
        storeConfig.index().setMaxIndexNum(256);
        storeConfig.setBrokerRole(role);
        store = new DefaultMessageStore(storeConfig, clock, d -> 0.1);
        if (!store.load()) {
            throw new IllegalStateException(store.loadFailure());
        }
        store.start();
        Path configDir = dir.resolve("config");
        topics = new TopicConfigManager(config, configDir);
        topics.load();
        groups = new SubscriptionGroupManager(config, configDir);
        groups.load();
        offsets = new ConsumerOffsetManager(configDir);
        offsets.load();
        roles = new BrokerRoleManager(new RoleState(role, role.isMaster() ? 0 : 1, 0), store,
                new MasterDuties(store, storeConfig, "127.0.0.1", null, () -> { }, 1000, null),
                new SlaveDuties(store, storeConfig, () -> { }, 1000, null));
        meta = new BrokerMetadata(config, topics, groups, offsets);
        access = new StoreAccess(store, storeConfig, STORE_HOST, roles, stats);
        clients = new ConnectedClients(consumers, producers, new SubscriptionFilters(), toClients);
        putter = new MessagePutter(store, new DelayLevels(storeConfig.getMessageDelayLevel()));
        sendSupport = new SendSupport(meta, access, new ReplicationGate(config, roles, nanos -> { }), metrics);
        transactions = new TransactionalMessageService(store, topics, STORE_HOST);
    }

    /** The messages a pull response carries, decoded from its body buffers. */
    static List<MessageExt> messagesOf(RemotingCommand pullResponse) {
        List<MessageExt> out = new ArrayList<>();
        for (ByteBuffer b : pullResponse.getBodyBuffers()) {
            out.addAll(MessageDecoder.decodes(b.duplicate()));
        }
        pullResponse.releaseBody();
        return out;
    }

    /** Waits until consume queues and index hold everything appended. */
    void awaitDispatched() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (store.dispatchedPhyOffset() < store.getMaxPhyOffset()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the store did not dispatch within 5 s");
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        store.shutdown();
    }
}
