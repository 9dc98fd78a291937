package io.tidemq.broker.executor;

import io.tidemq.broker.config.BrokerConfig;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The broker's request thread pools, one per family of requests, sized and bounded from its configuration. */
public final class BrokerExecutors {
    public final ThreadPoolExecutor send;
    public final ThreadPoolExecutor pull;
    public final ThreadPoolExecutor query;
    public final ThreadPoolExecutor admin;
    public final ThreadPoolExecutor client;
    public final ThreadPoolExecutor heartbeat;
    public final ThreadPoolExecutor consumerManage;
    public final ThreadPoolExecutor endTransaction;
    public final ThreadPoolExecutor reply;

    public BrokerExecutors(BrokerConfig c) {
        send = pool("SendMessageThread", c.getSendMessageThreadPoolNums(), c.getSendThreadPoolQueueCapacity());
        pull = pool("PullMessageThread", c.getPullMessageThreadPoolNums(), c.getPullThreadPoolQueueCapacity());
        query = pool("QueryMessageThread", c.getQueryMessageThreadPoolNums(), c.getQueryThreadPoolQueueCapacity());
        admin = pool("AdminBrokerThread", c.getAdminBrokerThreadPoolNums(), 0);
        client = pool("ClientManageThread", c.getClientManageThreadPoolNums(),
                c.getClientManagerThreadPoolQueueCapacity());
        heartbeat = pool("HeartbeatThread", c.getHeartbeatThreadPoolNums(), c.getHeartbeatThreadPoolQueueCapacity());
        consumerManage = pool("ConsumerManageThread", c.getConsumerManageThreadPoolNums(),
                c.getConsumerManagerThreadPoolQueueCapacity());
        endTransaction = pool("EndTransactionThread", c.getEndTransactionThreadPoolNums(),
                c.getEndTransactionPoolQueueCapacity());
        reply = pool("ProcessReplyMessageThread", c.getProcessReplyMessageThreadPoolNums(),
                c.getReplyThreadPoolQueueCapacity());
    }

    public void shutdown() {
        for (ThreadPoolExecutor e : List.of(send, pull, query, admin, client, heartbeat, consumerManage,
                endTransaction, reply)) {
            e.shutdown();
        }
    }

    private static ThreadPoolExecutor pool(String name, int threads, int capacity) {
        int n = Math.max(1, threads);
        // linked, not array-backed: the default capacities (up to 1,000,000) would otherwise cost megabytes of
        // zeroed heap at boot and in RSS while the queues sit empty
        ThreadPoolExecutor executor = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS,
                capacity > 0 ? new LinkedBlockingQueue<>(capacity) : new LinkedBlockingQueue<>(), named(name));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Daemon threads named {@code prefix_1}, {@code prefix_2}, ... */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "_" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
