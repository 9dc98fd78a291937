package io.tidemq.tools.compare;

import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The official admin client (rocketmq-tools 4.9.3), used the same way against both systems. */
final class Admin implements AutoCloseable {
    private final DefaultMQAdminExt admin;

    private Admin(DefaultMQAdminExt admin) {
        this.admin = admin;
    }

    static Admin connect(String namesrvAddr) throws Exception {
        DefaultMQAdminExt a = new DefaultMQAdminExt(10_000);
        a.setNamesrvAddr(namesrvAddr);
        a.setInstanceName("compare-admin-" + System.nanoTime());
        a.setAdminExtGroup("compare_admin_" + System.nanoTime());
        a.start();
        return new Admin(a);
    }

    /**
     * Creates (or updates) the topics on one broker with {@code queues} read and write queues each, from
     * {@code threads} threads; returns the elapsed milliseconds.
     */
    long createTopics(String brokerAddr, List<String> topics, int queues, int threads) throws Exception {
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] fs = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                fs[t] = pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < topics.size(); i = next.getAndIncrement()) {
                        TopicConfig c = new TopicConfig(topics.get(i), queues, queues,
                                PermName.PERM_READ | PermName.PERM_WRITE);
                        admin.createAndUpdateTopicConfig(brokerAddr, c);
                        int d = done.incrementAndGet();
                        if (d % 2000 == 0) {
                            System.out.printf("   created %d/%d topics in %d ms%n", d, topics.size(),
                                    (System.nanoTime() - t0) / 1_000_000);
                        }
                    }
                    return null;
                });
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Waits until the NameServer lists every one of {@code topics}; returns the waited milliseconds. */
    long awaitTopics(Collection<String> topics, long timeoutMillis) throws Exception {
        long t0 = System.nanoTime();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            Set<String> known = new HashSet<>(admin.fetchAllTopicList().getTopicList());
            long missing = topics.stream().filter(t -> !known.contains(t)).count();
            if (missing == 0) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(missing + " of " + topics.size()
                        + " topics still unknown to the NameServer after " + timeoutMillis / 1000 + " s");
            }
            Thread.sleep(500);
        }
    }

    /** Brokers (masters and slaves) the NameServer lists in {@code cluster}; 0 when it cannot be asked. */
    int brokersInCluster(String cluster) {
        try {
            ClusterInfo info = admin.examineBrokerClusterInfo();
            Set<String> names = info.getClusterAddrTable() == null ? null : info.getClusterAddrTable().get(cluster);
            if (names == null) {
                return 0;
            }
            int n = 0;
            for (String name : names) {
                BrokerData b = info.getBrokerAddrTable().get(name);
                n += b == null || b.getBrokerAddrs() == null ? 0 : b.getBrokerAddrs().size();
            }
            return n;
        } catch (Exception e) {
            return 0;
        }
    }

    @Override
    public void close() {
        admin.shutdown();
    }
}
