package io.tidemq.broker.startup;

/**
 * A boot step run on a thread of its own while the booting thread does another (the broker's metadata files are
 * read while the store recovers); {@link #await} waits for it and rethrows what it threw.
 */
public final class BootStep {
    private final Thread thread;
    private volatile Throwable failure;

    private BootStep(String name, Runnable... steps) {
        thread = new Thread(() -> {
            try {
                for (Runnable step : steps) {
                    step.run();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts the steps now, one after the other on one thread. */
    public static BootStep start(String name, Runnable... steps) {
        BootStep s = new BootStep(name, steps);
        s.thread.start();
        return s;
    }

    /** Waits for the step to end; its exception, if any, is thrown here. */
    public void await() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
