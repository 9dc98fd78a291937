package io.tidemq.common.config;

import java.util.Set;

/** Facts about a server command line that are needed before it is parsed. */
public final class StartupArgs {
    private StartupArgs() {
    }

    /** True unless one of {@code printFlags} (e.g. -h, -p) is present: those print something and exit. */
    public static boolean startsServer(String[] args, Set<String> printFlags) {
        for (String a : args) {
            if (printFlags.contains(a)) {
                return false;
            }
        }
        return true;
    }
}
