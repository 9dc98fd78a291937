package io.tidemq.store.ha;

import io.tidemq.store.PutMessageStatus;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writers of a SYNC_MASTER waiting for a slave to confirm their bytes: each waits for the acknowledged offset to
 * reach its record's end, or times out with FLUSH_SLAVE_TIMEOUT. Thread-safe.
 */
final class ReplicaAckWaiters {
    private record Waiter(long endOffset, CompletableFuture<PutMessageStatus> future) {
    }

    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.endOffset, b.endOffset));
    private long ackedOffset;

    /** Completes with PUT_OK once {@code endOffset} is acknowledged, else FLUSH_SLAVE_TIMEOUT after the timeout. */
    CompletableFuture<PutMessageStatus> await(long endOffset, long timeoutMillis) {
        CompletableFuture<PutMessageStatus> f = new CompletableFuture<>();
        synchronized (this) {
            if (ackedOffset >= endOffset) {
                f.complete(PutMessageStatus.PUT_OK);
                return f;
            }
            waiting.add(new Waiter(endOffset, f));
        }
        return f.completeOnTimeout(PutMessageStatus.FLUSH_SLAVE_TIMEOUT, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** A slave confirmed everything below {@code offset}. */
    void acknowledged(long offset) {
        while (true) {
            Waiter w;
            synchronized (this) {
                if (offset > ackedOffset) {
                    ackedOffset = offset;
                }
                w = waiting.peek();
                if (w == null || w.endOffset > ackedOffset) {
                    return;
                }
                waiting.poll();
            }
            w.future.complete(PutMessageStatus.PUT_OK);
        }
    }

    /**
     * The replicas that count changed: what they all hold is now {@code offset}, which may be lower than before
     * (a replica joined). Waiters at or below it complete.
     */
    void resetTo(long offset) {
        synchronized (this) {
            ackedOffset = offset;
        }
        acknowledged(offset);
    }

    synchronized long ackedOffset() {
        return ackedOffset;
    }

    /** Forgets waiters that already timed out (keeps the queue from growing while no slave answers). */
    void purgeCompleted() {
        synchronized (this) {
            waiting.removeIf(w -> w.future.isDone());
        }
    }
}
