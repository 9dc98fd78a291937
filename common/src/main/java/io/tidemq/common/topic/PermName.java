package io.tidemq.common.topic;

/** Permission bits of topics and brokers. */
public final class PermName {
    public static final int PERM_PRIORITY = 1 << 3;
    public static final int PERM_READ = 1 << 2;
    public static final int PERM_WRITE = 1 << 1;
    public static final int PERM_INHERIT = 1;

    private PermName() {
    }

    public static boolean isReadable(int perm) {
        return (perm & PERM_READ) == PERM_READ;
    }

    public static boolean isWriteable(int perm) {
        return (perm & PERM_WRITE) == PERM_WRITE;
    }

    public static boolean isInherited(int perm) {
        return (perm & PERM_INHERIT) == PERM_INHERIT;
    }

    /** Renders the bits as {@code RWX}-style text for logs and tools. */
    public static String toText(int perm) {
        return (isReadable(perm) ? "R" : "-") + (isWriteable(perm) ? "W" : "-") + (isInherited(perm) ? "X" : "-");
    }
}
