package io.tidemq.remoting.netty;

import io.netty.util.ResourceLeakDetector;

/** Netty's buffer leak detection for server processes. */
public final class LeakDetection {
    private static final String PROPERTY = "io.netty.leakDetection.level";

    private LeakDetection() {
    }

    /**
     * Turns leak detection off unless {@code -Dio.netty.leakDetection.level} asks for it. Netty's default samples
     * one buffer in 128 with a stack trace, about 1% of a broker's CPU under load. Called by the start-up mains
     * only, so embedded servers (tests, the standalone process) keep Netty's default.
     */
    public static void disableUnlessConfigured() {
        if (System.getProperty(PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
