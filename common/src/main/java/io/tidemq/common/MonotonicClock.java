package io.tidemq.common;

/**
 * Milliseconds on the monotonic clock, for expiries and timeouts (client heartbeats, queue locks, held pulls): a step
 * of the wall clock, by an operator or NTP, must neither expire every live client at once nor keep dead ones for the
 * length of the step. Only differences of two readings mean anything.
 */
public final class MonotonicClock {
    private MonotonicClock() {
    }

    public static long millis() {
        return System.nanoTime() / 1_000_000;
    }
}
