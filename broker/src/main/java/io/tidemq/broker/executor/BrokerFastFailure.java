package io.tidemq.broker.executor;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.remoting.RequestTask;
import io.tidemq.store.MessageStore;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Flow control the way RocketMQ clients expect it: a request that has waited too long in a processor queue, or any
 * queued send while the store is busy, is answered SYSTEM_BUSY at once, so the client backs off or retries
 * elsewhere instead of timing out. Runs every few milliseconds.
 */
public final class BrokerFastFailure {
    private final BrokerConfig config;
    private final MessageStore store;
    private final ThreadPoolExecutor send;
    private final ThreadPoolExecutor pull;
    private final ThreadPoolExecutor heartbeat;
    private final ThreadPoolExecutor endTransaction;
    private final Runnable refused;

    /** {@code refused} runs once per request answered SYSTEM_BUSY. */
    public BrokerFastFailure(BrokerConfig config, MessageStore store, ThreadPoolExecutor send, ThreadPoolExecutor pull,
                             ThreadPoolExecutor heartbeat, ThreadPoolExecutor endTransaction, Runnable refused) {
        this.refused = refused;
        this.config = config;
        this.store = store;
        this.send = send;
        this.pull = pull;
        this.heartbeat = heartbeat;
        this.endTransaction = endTransaction;
    }

    public void clean() {
        if (!config.isBrokerFastFailureEnable()) {
            return;
        }
        if (store.isOSPageCacheBusy()) {
            rejectAll(send.getQueue(), "[PCBUSY_CLEAN_QUEUE]broker busy, start flow control for a while");
        }
        rejectExpired(send.getQueue(), config.getWaitTimeMillsInSendQueue());
        rejectExpired(pull.getQueue(), config.getWaitTimeMillsInPullQueue());
        rejectExpired(heartbeat.getQueue(), config.getWaitTimeMillsInHeartbeatQueue());
        rejectExpired(endTransaction.getQueue(), config.getWaitTimeMillsInTransactionQueue());
    }

    private void rejectAll(BlockingQueue<Runnable> queue, String remark) {
        Runnable r;
        while ((r = queue.poll()) != null) {
            if (r instanceof RequestTask task) {
                task.reject(ResponseCode.SYSTEM_BUSY, remark + ", period in queue: " + task.waitedMillis()
                        + "ms, size of queue: " + queue.size());
                refused.run();
            } else {
                r.run();
            }
        }
    }

    private void rejectExpired(BlockingQueue<Runnable> queue, long maxWaitMillis) {
        while (true) {
            Runnable head = queue.peek();
            if (!(head instanceof RequestTask task)) {
                return;
            }
            long waited = task.waitedMillis();
            if (waited < maxWaitMillis) {
                return;
            }
            if (queue.remove(task)) {
                task.reject(ResponseCode.SYSTEM_BUSY, "[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a "
                        + "while, period in queue: " + waited + "ms, size of queue: " + queue.size());
                refused.run();
            }
        }
    }

    /** How long the oldest queued request has waited, ms (runtime info). */
    public static long headWaitMillis(ThreadPoolExecutor executor) {
        Runnable head = executor.getQueue().peek();
        return head instanceof RequestTask task ? task.waitedMillis() : 0;
    }
}
