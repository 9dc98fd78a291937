package io.tidemq.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

    /**
     * This clock as a {@link Clock}, for components that take one to measure liveness (tests give them a clock they
     * move by hand). Its instants are not dates: only their differences mean anything.
     */
    public static Clock asClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public long millis() {
                return MonotonicClock.millis();
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis());
            }
        };
    }
}
