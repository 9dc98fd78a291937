package io.tidemq.broker.util;

import org.slf4j.Logger;

/** Periodic broker work that must not end its schedule: a failure is logged and the next run comes as planned. */
public final class Tasks {
    private Tasks() {
    }

    /** Runs {@code task}; a runtime failure is logged on {@code log} as "{what} failed". */
    public static void safely(Logger log, String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed", what, e);
        }
    }
}
