package io.tidemq.broker.longpolling;

import io.tidemq.common.MonotonicClock;
import io.tidemq.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Holds suspended pulls per queue and re-runs them as soon as a matching message for their queue is dispatched, or
 * once their hold time has passed. Arrival notifications come from the store's dispatcher thread and only hand the
 * re-execution to the pull executor, so they never block dispatch.
 */
public final class PullRequestHoldService {
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestHoldService.class);
    /** How often held requests are checked for new data and timeouts; arrivals wake them sooner. */
    private static final long CHECK_INTERVAL_MILLIS = 1000;

    /**
     * Held pulls by topic, then queue id. Two levels rather than a "topic@queue" key: every stored message looks
     * its queue up here, and building that string was a tenth of the send path's garbage.
     */
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, List<PullRequest>>> held =
            new ConcurrentHashMap<>();
    private final MessageStore store;
    private final Consumer<PullRequest> wakeup;
    private final Thread checker;
    private volatile boolean running = true;

    /** {@code wakeup} re-executes a pull without suspension; it must hand off to an executor and return fast. */
    public PullRequestHoldService(MessageStore store, Consumer<PullRequest> wakeup) {
        this.store = store;
        this.wakeup = wakeup;
        this.checker = new Thread(this::run, "PullRequestHoldService");
        this.checker.setDaemon(true);
    }

    public void start() {
        checker.start();
    }

    public void shutdown() {
        running = false;
        checker.interrupt();
    }

    public void suspend(String topic, int queueId, PullRequest request) {
        List<PullRequest> list = held.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(queueId, q -> new ArrayList<>());
        synchronized (list) {
            list.add(request);
        }
        // a message dispatched between the pull's read and this suspension found nobody to wake: look again now
        if (store.getMaxOffsetInQueue(topic, queueId) > request.pullFromThisOffset()) {
            boolean removed;
            synchronized (list) {
                removed = list.remove(request);
            }
            if (removed) {
                wake(request);
            }
        }
    }

    /** A message became readable at {@code logicOffset}: wake the pulls of that queue it satisfies. */
    public void notifyMessageArriving(String topic, int queueId, long logicOffset, long tagsCode) {
        ConcurrentHashMap<Integer, List<PullRequest>> queues = held.get(topic);
        List<PullRequest> list = queues == null ? null : queues.get(queueId);
        if (list == null) {
            return;
        }
        List<PullRequest> ready;
        synchronized (list) {
            if (list.isEmpty()) {
                return;
            }
            ready = new ArrayList<>();
            list.removeIf(r -> {
                if (logicOffset >= r.pullFromThisOffset() && r.filter().isMatchedByConsumeQueue(tagsCode)) {
                    ready.add(r);
                    return true;
                }
                return false;
            });
        }
        ready.forEach(this::wake);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(CHECK_INTERVAL_MILLIS);
                checkAll(MonotonicClock.millis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("long-poll check failed", e);
            }
        }
    }

    void checkAll(long now) {
        for (Map.Entry<String, ConcurrentHashMap<Integer, List<PullRequest>>> t : held.entrySet()) {
            for (Map.Entry<Integer, List<PullRequest>> q : t.getValue().entrySet()) {
                check(t.getKey(), q.getKey(), q.getValue(), now);
            }
        }
    }

    private void check(String topic, int queueId, List<PullRequest> list, long now) {
        long maxOffset = store.getMaxOffsetInQueue(topic, queueId);
        List<PullRequest> ready = new ArrayList<>();
        synchronized (list) {
            list.removeIf(r -> {
                if (maxOffset > r.pullFromThisOffset() || r.expired(now) || !r.channel().isActive()) {
                    ready.add(r);
                    return true;
                }
                return false;
            });
        }
        ready.forEach(this::wake);
    }

    private void wake(PullRequest r) {
        if (!r.channel().isActive()) {
            return;
        }
        try {
            wakeup.accept(r);
        } catch (RuntimeException e) {
            LOG.warn("cannot re-run a held pull", e);
        }
    }

    /** Number of pulls currently held (metrics, tests). */
    public int heldCount() {
        int n = 0;
        for (ConcurrentHashMap<Integer, List<PullRequest>> queues : held.values()) {
            for (List<PullRequest> l : queues.values()) {
                synchronized (l) {
                    n += l.size();
                }
            }
        }
        return n;
    }
}
