package io.tidemq.store;

import java.io.File;

/** How full the file system holding a directory is (0..1). Injectable so tests can simulate a full disk. */
@FunctionalInterface
public interface DiskUsage {
    double usedRatio(File dir);

    /** The real file system: 1 - usable / total of the nearest existing ancestor of {@code dir}. */
    static DiskUsage fileSystem() {
        return dir -> {
            File d = dir;
            while (d != null && !d.exists()) {
                d = d.getParentFile();
            }
            if (d == null) {
                return 0;
            }
            long total = d.getTotalSpace();
            return total <= 0 ? 0 : 1.0 - (double) d.getUsableSpace() / total;
        };
    }
}
